package th.go.mol.ldx.gateway.access;

import io.quarkus.security.identity.SecurityIdentity;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the Keycloak client id of an agency, a department or an administrator. Tokens from the
 * client-credentials grant name the client in {@code client_id}; {@code azp} is the standard fallback.
 */
public record Caller(String clientId, boolean partner, boolean owner, boolean admin) {

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
