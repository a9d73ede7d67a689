package th.go.mol.ldx.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One whole LDX on loopback: PostgreSQL, Kafka, Keycloak and the gateway, each a real server. The three
 * servers start in parallel; the gateway starts once they are ready. {@link #close()} stops everything it started.
 */
public final class Devstack implements AutoCloseable {

    private final Path dir;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final KeycloakServer keycloak;
    private final GatewayServer gateway;

    private Devstack(Path dir, PostgresServer postgres, KafkaBroker kafka, KeycloakServer keycloak, GatewayServer gateway) {
        this.dir = dir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.keycloak = keycloak;
        this.gateway = gateway;
    }

    public static Devstack start(String name, StackPorts ports) {
        Locations locations = Locations.ofThisCheckout();
        Path dir = freshDirectory(locations.runDir().resolve(name));
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                () -> PostgresServer.start(dir.resolve("postgres"), ports.postgres()));
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(() -> {
            KafkaBroker broker = KafkaBroker.create(dir.resolve("kafka"), ports.kafka(), ports.kafkaController());
            broker.start();
            return broker;
        });
        CompletableFuture<KeycloakServer> keycloak = CompletableFuture.supplyAsync(() -> KeycloakServer.start(
                locations.keycloakDist(), dir, ports.keycloak(), ports.keycloakManagement()));
        try {
            CompletableFuture.allOf(postgres, kafka, keycloak).join();
        } catch (RuntimeException e) {
            postgres.thenAccept(PostgresServer::close);
            kafka.thenAccept(KafkaBroker::close);
            keycloak.thenAccept(KeycloakServer::close);
            throw e;
        }
        GatewayServer gateway = new GatewayServer(locations.gatewayJar(), dir, ports.gateway(),
                GatewayServer.environment(ports.gateway(), postgres.join(), kafka.join(), keycloak.join()));
        Devstack stack = new Devstack(dir, postgres.join(), kafka.join(), keycloak.join(), gateway);
        try {
            gateway.start();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
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
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }
}
