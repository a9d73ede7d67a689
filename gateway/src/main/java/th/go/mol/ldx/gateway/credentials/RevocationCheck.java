package th.go.mol.ldx.gateway.credentials;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.problem.ProblemType;
import th.go.mol.ldx.gateway.problem.RefusedToken;

/** Refuses, as it authenticates a request, a token whose credential was revoked (see {@link Revocations}). */
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
        Optional<String> refusal = revocations.refusal(Caller.clientIdOf(jwt), jwt.getIssuedAtTime());
        return refusal.isPresent() ? Uni.createFrom().failure(
                new RefusedToken(ProblemType.CREDENTIAL_REVOKED, refusal.get()).failure())
                : Uni.createFrom().item(identity);
    }
}
