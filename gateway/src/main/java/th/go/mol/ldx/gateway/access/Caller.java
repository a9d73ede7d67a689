package th.go.mol.ldx.gateway.access;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the credential (Keycloak client id) and the organisation it belongs to, an agency, a department or
 * LDX's administration, its roles and, for an agency, the limits tier its credential names. Tokens from the
 * client-credentials grant name the client in {@code client_id} ({@code azp} is the standard fallback); a credential
 * issued by LDX names its organisation in {@link #ORGANISATION_CLAIM}, and a client made outside LDX (the gateway's
 * own) is its own organisation.
 *
 * <p>Read once per request, as it is authenticated ({@code credentials.RevocationCheck}), and kept with the identity:
 * every custom claim that SmallRye JWT looks up costs an exception thrown and caught inside it.
 */
public record Caller(String clientId, String organisation, String tier, boolean partner, boolean owner,
        boolean admin) {

    /** The token claim naming the organisation of an LDX credential. */
    public static final String ORGANISATION_CLAIM = "ldx_organisation";
    /** The token claim naming the limits tier of an agency's credential, set on its Keycloak client. */
    public static final String TIER_CLAIM = "ldx_tier";
    /** The identity attribute that keeps the caller once it was read. */
    public static final String ATTRIBUTE = Caller.class.getName();

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

    /** Whether the caller named an organisation other than itself: only LDX's credentials do. */
    public boolean claimsOrganisation() {
        return !organisation.equals(clientId);
    }

    public static Caller of(SecurityIdentity identity) {
        Caller kept = identity.getAttribute(ATTRIBUTE);
        if (kept != null) {
            return kept;
        }
        String clientId = identity.getPrincipal().getName();
        String organisation = null;
        String tier = null;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claimed = jwt.getClaim("client_id");
            clientId = claimed != null ? claimed.toString() : jwt.<String>getClaim("azp");
            organisation = jwt.getClaim(ORGANISATION_CLAIM);
            tier = jwt.getClaim(TIER_CLAIM);
        }
        return new Caller(clientId, organisation != null ? organisation : clientId, tier,
                identity.hasRole(Roles.PARTNER), identity.hasRole(Roles.OWNER), identity.hasRole(Roles.ADMIN));
    }
}
