package th.go.mol.ldx.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keycloak from its Maven Central distribution, with the LDX realm imported at start. The distribution is built
 * once per checkout; each stack runs from its own hard-linked copy so two stacks never share a database.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "ldx";
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** The scope agencies ask for when they authenticate to Kafka ({@code sasl.oauthbearer.scope}). */
    public static final String KAFKA_SCOPE = "kafka";
    private static final String BUILT_MARKER = ".ldx-built";
    private static final String JAVA_OPTS =
            "-XX:+UseSerialGC -Xms32m -Xmx256m -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=256m";

    private final int port;
    private final int managementPort;
    private final ServerProcess process;

    private KeycloakServer(int port, int managementPort, ServerProcess process) {
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
    }

    static KeycloakServer start(Path dist, Path dir, int port, int managementPort) {
        buildOnce(dist);
        Path home = dir.resolve("keycloak");
        linkCopy(dist, home);
        try (InputStream realm = KeycloakServer.class.getResourceAsStream("/ldx-realm.json")) {
            Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
            Files.copy(realm, imports.resolve("ldx-realm.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot place the LDX realm for import", e);
        }
        ServerProcess process = new ServerProcess("keycloak",
                List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized", "--http-enabled=true",
                        "--http-host=127.0.0.1", "--http-port=" + port, "--hostname-strict=false", "--cache=local",
                        "--http-management-host=127.0.0.1", "--http-management-port=" + managementPort,
                        "--import-realm"),
                Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER, "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                        "JAVA_OPTS", JAVA_OPTS),
                home, dir.resolve("keycloak.log"));
        process.start();
        KeycloakServer server = new KeycloakServer(port, managementPort, process);
        Await.until("keycloak", Duration.ofSeconds(180), process::requireAlive,
                () -> Http.answers200(server.realmUrl() + "/.well-known/openid-configuration"));
        server.addKafkaScope();
        return server;
    }

    /**
     * The client scope {@value #KAFKA_SCOPE}, put in the token's {@code scope} claim, for every agency client and every
     * client made later: Kafka's OAuth client refuses a token whose scope is empty. It is made through the Admin API,
     * since a realm file that lists client scopes loses Keycloak's built-in ones.
     */
    private void addKafkaScope() {
        String token = adminToken();
        String admin = baseUrl() + "/admin/realms/" + REALM;
        String scope = Http.created(admin + "/client-scopes", token, """
                {"name":"%s","protocol":"openid-connect",
                 "attributes":{"include.in.token.scope":"true","display.on.consent.screen":"false"}}
                """.formatted(KAFKA_SCOPE));
        Http.put(admin + "/default-default-client-scopes/" + scope, token);
        for (JsonNode client : Http.json(Http.get(admin + "/clients?max=1000", token))) {
            if (client.get("clientId").asText().startsWith("agency-")) {
                Http.put(admin + "/clients/" + client.get("id").asText() + "/default-client-scopes/" + scope, token);
            }
        }
    }

    /**
     * Registers one more partner agency (secret: its id + "-secret"), as the realm file registers the demo's, for
     * benchmarks that need more agencies than the demo has. (Issue 7 brings the admin API that does this for real.)
     */
    public void registerPartner(String clientId) {
        registerPartner(clientId, "standard");
    }

    /** The same, its tokens naming the limits tier {@code tier} (claim {@code ldx_tier}). */
    public void registerPartner(String clientId, String tier) {
        String token = adminToken();
        String admin = baseUrl() + "/admin/realms/" + REALM;
        String id = Http.created(admin + "/clients", token, """
                {"clientId":"%1$s","secret":"%1$s-secret","serviceAccountsEnabled":true,"standardFlowEnabled":false,
                 "publicClient":false,"attributes":{"ldx.kind":"partner"},
                 "protocolMappers":[{"name":"aud-ldx-gateway","protocol":"openid-connect",
                   "protocolMapper":"oidc-audience-mapper",
                   "config":{"included.client.audience":"ldx-gateway","access.token.claim":"true"}},
                  {"name":"ldx-tier","protocol":"openid-connect","protocolMapper":"oidc-hardcoded-claim-mapper",
                   "config":{"claim.name":"ldx_tier","claim.value":"%2$s","jsonType.label":"String",
                             "access.token.claim":"true"}}]}
                """.formatted(clientId, tier));
        String user = Http.json(Http.get(admin + "/clients/" + id + "/service-account-user", token)).get("id").asText();
        String role = Http.get(admin + "/roles/ldx-partner", token);
        Http.post(admin + "/users/" + user + "/role-mappings/realm", token, "[" + role + "]");
    }

    private String adminToken() {
        return Http.json(Http.form(baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "admin-cli", "username", ADMIN_USER, "password", ADMIN_PASSWORD)))
                .get("access_token").asText();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.stop();
    }

    /** {@code kc.sh build} fixes the database kind and features into the distribution; it takes a while, so once. */
    private static synchronized void buildOnce(Path dist) {
        if (Files.exists(dist.resolve(BUILT_MARKER))) {
            return;
        }
        Path log = dist.resolve("build.log");
        ServerProcess build = new ServerProcess("keycloak build",
                List.of(dist.resolve("bin/kc.sh").toString(), "build", "--db=dev-file", "--health-enabled=true"),
                Map.of("JAVA_OPTS", JAVA_OPTS), dist, log);
        dist.resolve("bin/kc.sh").toFile().setExecutable(true);
        build.runToCompletion(Duration.ofMinutes(5));
        try {
            Files.createFile(dist.resolve(BUILT_MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Hard links cost no space and no copy time; data/ is left out so each copy starts with an empty database. */
    private static void linkCopy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path relative = from.relativize(source);
                if (relative.startsWith("data")) {
                    continue;
                }
                Path target = to.resolve(relative);
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createLink(target, source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out a Keycloak home in " + to, e);
        }
    }
}
