package th.go.mol.ldx.gateway.access;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the credential (Keycloak client id) and the organisation it belongs to, an agency, a department or
 * LDX's administration. Tokens from the client-credentials grant name the client in {@code client_id} ({@code azp}
 * is the standard fallback); a credential issued by LDX names its organisation in {@link #ORGANISATION_CLAIM}, and a
 * client made outside LDX (the gateway's own) is its own organisation.
 */
public record Caller(String clientId, String organisation, boolean partner, boolean owner, boolean admin) {

    /** The token claim naming the organisation of an LDX credential. */
    public static final String ORGANISATION_CLAIM = "ldx_organisation";

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
        String organisation = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            clientId = clientIdOf(jwt);
            organisation = jwt.getClaim(ORGANISATION_CLAIM);
        }
        return new Caller(clientId, organisation != null ? organisation : clientId, identity.hasRole(Roles.PARTNER),
                identity.hasRole(Roles.OWNER), identity.hasRole(Roles.ADMIN));
    }

    /** The client a token was issued to. */
    public static String clientIdOf(JsonWebToken jwt) {
        Object claimed = jwt.getClaim("client_id");
        return claimed != null ? claimed.toString() : jwt.<String>getClaim("azp");
    }
}
