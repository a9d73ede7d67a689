package th.go.mol.ldx.devstack;

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
    /**
     * The gateway's own client, the only one in the realm file: it issues every credential, and its service account
     * is the bootstrap administrator that issues the first administrator's credential (see ldx-realm.json).
     */
    public static final String GATEWAY_CLIENT_ID = "ldx-gateway";
    public static final String GATEWAY_CLIENT_SECRET = "ldx-gateway-secret";
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
        return server;
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

    /** Freezes Keycloak (SIGSTOP): connections open, nothing answered, as a hung identity provider. */
    public void pause() {
        process.signal("STOP");
    }

    /** Lets a paused Keycloak go on (SIGCONT). */
    public void resume() {
        process.signal("CONT");
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
