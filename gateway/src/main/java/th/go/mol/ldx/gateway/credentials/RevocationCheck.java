package th.go.mol.ldx.gateway.credentials;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.problem.RefusedToken;

/**
 * Reads who is calling once ({@link Caller}, kept with the identity) and refuses, as it authenticates a request, a token whose credential was revoked, or which carries an LDX role or
 * organisation without coming from a credential LDX issued (see {@link Revocations}).
 */
@ApplicationScoped
public class RevocationCheck implements SecurityIdentityAugmentor {

    private final Revocations revocations;

    RevocationCheck(Revocations revocations) {
        this.revocations = revocations;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Caller caller = Caller.of(identity);
        Optional<RefusedToken> refusal = revocations.refusal(caller, jwt.getIssuedAtTime());
        if (refusal.isPresent()) {
            return Uni.createFrom().failure(refusal.get().failure());
        }
        // An identity answered from access.VerifiedTokens carries its caller already: it is not built again.
        return Uni.createFrom().item(identity.getAttribute(Caller.ATTRIBUTE) != null ? identity
                : QuarkusSecurityIdentity.builder(identity).addAttribute(Caller.ATTRIBUTE, caller).build());
    }
}
