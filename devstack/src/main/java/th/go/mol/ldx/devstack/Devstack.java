package th.go.mol.ldx.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import th.go.mol.ldx.devstack.demo.DemoParties;
import th.go.mol.ldx.devstack.demo.LdxApi;

/**
 * One whole LDX on loopback: PostgreSQL, Kafka, Keycloak and the gateway, each a real server. PostgreSQL and
 * Keycloak start in parallel, Kafka once Keycloak is up (it checks agencies' tokens against the realm's keys), the
 * gateway once all three are ready; then the demo's organisations are registered and their credentials issued
 * through the admin API ({@link #parties()}). {@link #close()} stops everything it started.
 */
public final class Devstack implements AutoCloseable {

    /** The file in the stack's directory that keeps the demo credentials' secrets. */
    public static final String DEMO_CREDENTIALS = "demo-credentials.properties";
    /**
     * The file in the stack's directory that holds its pseudonym master secret: random for each stack, as production
     * mounts one from a Kubernetes secret, so that no secret of LDX's is ever a value in git.
     */
    public static final String PSEUDONYM_KEY = "pseudonym-key";

    private final Locations locations;
    private final Path dir;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final KeycloakServer keycloak;
    private final GatewayServer gateway;
    private final Map<String, String> gatewaySettings;
    private DemoParties parties;

    private Devstack(Locations locations, Path dir, PostgresServer postgres, KafkaBroker kafka, KeycloakServer keycloak,
            GatewayServer gateway, Map<String, String> gatewaySettings) {
        this.locations = locations;
        this.dir = dir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.keycloak = keycloak;
        this.gateway = gateway;
        this.gatewaySettings = Map.copyOf(gatewaySettings);
    }

    public static Devstack start(String name, StackPorts ports) {
        return start(name, ports, Map.of());
    }

    /** The same, with more gateway settings (environment variables, e.g. {@code LDX_EVENTS_BATCH_SIZE}) on every replica. */
    public static Devstack start(String name, StackPorts ports, Map<String, String> gatewaySettings) {
        Locations locations = Locations.ofThisCheckout();
        Path dir = freshDirectory(locations.runDir().resolve(name));
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                () -> PostgresServer.start(dir.resolve("postgres"), ports.postgres()));
        CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(() -> KeycloakServer.start(
                locations.keycloakDist(), dir, ports.keycloak(), ports.keycloakManagement()));
        // The broker reads the realm's keys when it starts, to check agencies' tokens: it starts once Keycloak is up.
        CompletableFuture<KafkaBroker> kafka = keycloak.thenApplyAsync(realm -> {
            KafkaBroker broker = KafkaBroker.create(dir.resolve("kafka"), ports.kafka(), ports.kafkaController(),
                    ports.kafkaAgency(), realm.realmUrl());
            broker.start();
            return broker;
        });
        try {
            CompletableFuture.allOf(postgres, kafka, keycloak).join();
        } catch (RuntimeException e) {
            postgres.thenAccept(PostgresServer::close);
            kafka.thenAccept(KafkaBroker::close);
            keycloak.thenAccept(KeycloakServer::close);
            throw e;
        }
        writePseudonymKey(dir.resolve(PSEUDONYM_KEY));
        GatewayServer gateway = new GatewayServer("gateway", locations.gatewayJar(), dir, ports.gateway(),
                environment(dir, ports.gateway(), postgres.join(), kafka.join(), keycloak.join(), gatewaySettings));
        Devstack stack = new Devstack(locations, dir, postgres.join(), kafka.join(), keycloak.join(), gateway,
                gatewaySettings);
        try {
            gateway.start();
            LdxApi api = stack.api();
            stack.parties = DemoParties.provision(api,
                    api.token(KeycloakServer.GATEWAY_CLIENT_ID, KeycloakServer.GATEWAY_CLIENT_SECRET));
            stack.parties.write(dir.resolve(DEMO_CREDENTIALS));
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private static Map<String, String> environment(Path dir, int port, PostgresServer postgres, KafkaBroker kafka,
            KeycloakServer keycloak, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(GatewayServer.environment(port, postgres, kafka, keycloak,
                dir.resolve(PSEUDONYM_KEY)));
        environment.putAll(settings);
        return environment;
    }

    /**
     * A gateway on the same servers that is not started, with its environment changed by {@code change} (a setting
     * removed or set wrong): how a misconfigured pod would start. The caller starts and closes it.
     */
    public GatewayServer unstartedGateway(String name, Consumer<Map<String, String>> change) {
        int port = StackPorts.freePort();
        Map<String, String> environment = environment(dir, port, postgres, kafka, keycloak, gatewaySettings);
        change.accept(environment);
        return new GatewayServer(name, locations.gatewayJar(), dir, port, environment);
    }

    /** One more replica of the gateway on the same servers, as a second pod would run; the caller closes it. */
    public GatewayServer startReplica(String name) {
        int port = StackPorts.freePort();
        GatewayServer replica = new GatewayServer(name, locations.gatewayJar(), dir, port,
                environment(dir, port, postgres, kafka, keycloak, gatewaySettings));
        replica.start();
        return replica;
    }

    /** A client of this stack's API and Keycloak. */
    public LdxApi api() {
        return new LdxApi(gateway.baseUrl(), keycloak.tokenUrl());
    }

    /** The demo's organisations and their credentials. */
    public DemoParties parties() {
        return parties;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public GatewayServer gateway() {
        return gateway;
    }

    public Path dir() {
        return dir;
    }

    /** The stack's pseudonym master secret, for tests that compute the pseudonyms an agency must be shown. */
    public byte[] pseudonymSecret() {
        try {
            return Files.readAllBytes(dir.resolve(PSEUDONYM_KEY));
        } catch (IOException e) {
            throw new UncheckedIOException("the stack's pseudonym key is gone", e);
        }
    }

    /** 48 random bytes, base64: what README tells an operator to make with {@code openssl rand -base64 48}. */
    private static void writePseudonymKey(Path file) {
        byte[] secret = new byte[48];
        new SecureRandom().nextBytes(secret);
        try {
            Files.writeString(file, Base64.getEncoder().encodeToString(secret));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        keycloak.close();
        kafka.close();
        postgres.close();
    }

    private static Path freshDirectory(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }
}
