package th.go.mol.ldx.e2e.support;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import th.go.mol.ldx.devstack.KeycloakServer;
import th.go.mol.ldx.devstack.demo.DemoParties;

/** Access tokens from the stack's Keycloak: real ones, and the bad kinds a gateway must refuse. */
public final class Tokens {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    /** A fresh-enough token of a demo organisation's credential (tokens live 5 minutes; one is reused for 2). */
    public static String of(String organisationId) {
        return of(LdxStack.stack().parties().of(organisationId));
    }

    /** The same, of any credential. */
    public static String of(DemoParties.Credential credential) {
        return CACHE.compute(credential.clientId(), (id, cached) -> cached != null && ageSeconds(cached) < 120 ? cached
                : LdxStack.stack().api().token(credential.clientId(), credential.secret()));
    }

    /** A token of a new agency's credential in limits tier {@code tier}, so that no other test spends its limits. */
    public static String ofNewAgency(String prefix, String tier) {
        return of(LdxStack.stack().parties().newAgency(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), tier));
    }

    /** A real token whose payload was edited afterwards (another client id): its signature no longer matches. */
    public static String tampered(String organisationId, String impersonated) {
        String clientId = LdxStack.stack().parties().of(organisationId).clientId();
        String[] parts = of(organisationId).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"" + clientId + "\"", "\"" + impersonated + "\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    /** A token Keycloak signed with a lifespan of 3 seconds, of a client created for one test (no LDX role). */
    public record ShortLived(String token, long expiresAt) {

        public void awaitExpiry() throws InterruptedException {
            while (System.currentTimeMillis() / 1000 <= expiresAt + 1) {
                Thread.sleep(250);
            }
        }
    }

    public static ShortLived shortLived() {
        String token = ofNewClient(Map.of("access.token.lifespan", "3"), true);
        return new ShortLived(token, claimSeconds(token, "exp"));
    }

    /** A valid token, signed by the realm, but meant for another audience than the gateway. */
    public static String forAnotherAudience() {
        DemoParties.Credential client = newClient(Map.of(), false);
        return LdxStack.stack().api().token(client.clientId(), client.secret());
    }

    private static String ofNewClient(Map<String, String> attributes, boolean gatewayAudience) {
        DemoParties.Credential client = newClient(attributes, gatewayAudience);
        return LdxStack.stack().api().token(client.clientId(), client.secret());
    }

    /** Registers a client without LDX roles through Keycloak's admin API (not LDX's), for one test. */
    public static DemoParties.Credential newClient(Map<String, String> attributes, boolean gatewayAudience) {
        return newClient(attributes, gatewayAudience, List.of());
    }

    /**
     * A token of a client made in Keycloak outside LDX that claims to be {@code organisation}'s and holds the
     * partner role, as a Keycloak administrator could make one.
     */
    public static String ofImpostor(String organisation) {
        DemoParties.Credential client = newClient(Map.of(), true, List.of(
                Map.of("name", "org", "protocol", "openid-connect", "protocolMapper", "oidc-hardcoded-claim-mapper",
                        "config", Map.of("claim.name", "ldx_organisation", "claim.value", organisation,
                                "jsonType.label", "String", "access.token.claim", "true")),
                Map.of("name", "role", "protocol", "openid-connect", "protocolMapper", "oidc-hardcoded-role-mapper",
                        "config", Map.of("role", "ldx-partner"))));
        return LdxStack.stack().api().token(client.clientId(), client.secret());
    }

    private static DemoParties.Credential newClient(Map<String, String> attributes, boolean gatewayAudience,
            List<Map<String, Object>> moreMappers) {
        KeycloakServer keycloak = LdxStack.stack().keycloak();
        String admin = given().formParams(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", KeycloakServer.ADMIN_USER, "password", KeycloakServer.ADMIN_PASSWORD))
                .post(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        String clientId = "e2e-client-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = clientId + "-secret";
        List<Map<String, Object>> mappers = new java.util.ArrayList<>(moreMappers);
        if (gatewayAudience) {
            mappers.add(Map.of("name", "aud", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                    "config", Map.of("included.client.audience", "ldx-gateway", "access.token.claim", "true")));
        }
        given().auth().oauth2(admin).contentType("application/json")
                .body(Map.of("clientId", clientId, "secret", secret, "serviceAccountsEnabled", true,
                        "standardFlowEnabled", false, "publicClient", false, "attributes", attributes,
                        "protocolMappers", mappers, "defaultClientScopes",
                        List.of("basic", "roles", "service_account", KeycloakServer.KAFKA_SCOPE)))
                .post(keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + "/clients")
                .then().statusCode(201);
        return new DemoParties.Credential(clientId, secret);
    }

    private static long ageSeconds(String token) {
        return System.currentTimeMillis() / 1000 - claimSeconds(token, "iat");
    }

    private static long claimSeconds(String token, String claim) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"" + claim + "\":(\\d+)").matcher(payload);
        if (!m.find()) {
            throw new IllegalStateException("token has no " + claim);
        }
        return Long.parseLong(m.group(1));
    }
}
