package th.go.mol.ldx.gateway.access;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the Keycloak client id of an agency, a department or an administrator. Tokens from the
 * client-credentials grant name the client in {@code client_id}; {@code azp} is the standard fallback.
 */
public record Caller(String clientId, boolean partner, boolean owner, boolean admin) {

    /** The LDX realm roles the caller holds. */
    public List<String> roles() {
        List<String> roles = new ArrayList<>();
        if (partner) {
            roles.add(Roles.PARTNER);
        }
        if (owner) {
            roles.add(Roles.OWNER);
        }
        if (admin) {
            roles.add(Roles.ADMIN);
        }
        return roles;
    }

    public static Caller of(SecurityIdentity identity) {
        String clientId = identity.getPrincipal().getName();
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claimed = jwt.getClaim("client_id");
            clientId = claimed != null ? claimed.toString() : jwt.<String>getClaim("azp");
        }
        return new Caller(clientId, identity.hasRole(Roles.PARTNER), identity.hasRole(Roles.OWNER),
                identity.hasRole(Roles.ADMIN));
    }
}
