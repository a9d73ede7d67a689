package th.go.mol.ldx.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged LDX gateway, run as production runs it: a process configured through its environment. */
public final class GatewayServer implements AutoCloseable {

    /**
     * The collector the production image runs the gateway with (its start script's ParallelGC, sized by the options
     * Dockerfile.jvm appends), so the gateway runs here as it runs in the cluster. Left to choose, the JVM picks G1
     * on this machine, to which each 5 MB batch body is a humongous object; under batch ingest it then marked the old
     * generation about once a second, a third of a core. The young generation is half the heap because a batch's
     * records live for the length of its request: with a third, they outlived young collections and filled the old
     * generation (ADR 013, docs/benchmarks.md).
     */
    private static final List<String> JVM_OPTIONS = List.of("-XX:+UseParallelGC", "-XX:NewRatio=1",
            "-XX:+ExitOnOutOfMemoryError");

    private final int port;
    private final ServerProcess process;

    GatewayServer(String name, Path jar, Path dir, int port, Map<String, String> environment) {
        this.port = port;
        List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-Xms64m", "-Xmx384m"));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-Xlog:gc:file=" + dir.resolve(name + "-gc.log"), "-jar", jar.toString()));
        this.process = new ServerProcess(name, command,
                environment, dir, dir.resolve(name + ".log"));
    }

    static Map<String, String> environment(int port, PostgresServer postgres, KafkaBroker kafka, KeycloakServer keycloak,
            Path pseudonymKeyFile) {
        return Map.ofEntries(
                Map.entry("LDX_HTTP_PORT", Integer.toString(port)),
                Map.entry("LDX_HTTP_HOST", "127.0.0.1"),
                Map.entry("LDX_DB_URL", postgres.jdbcUrl()),
                Map.entry("LDX_DB_USER", PostgresServer.USER),
                Map.entry("LDX_DB_PASSWORD", PostgresServer.PASSWORD),
                Map.entry("LDX_OIDC_URL", keycloak.realmUrl()),
                Map.entry("LDX_KEYCLOAK_URL", keycloak.baseUrl()),
                Map.entry("LDX_GATEWAY_CLIENT_SECRET", KeycloakServer.GATEWAY_CLIENT_SECRET),
                Map.entry("LDX_KAFKA_BOOTSTRAP", kafka.bootstrapServers()),
                Map.entry("LDX_KAFKA_REPLICATION_FACTOR", "1"),
                Map.entry("LDX_PUBLIC_URL", "http://127.0.0.1:" + port),
                Map.entry("LDX_PARTNER_KAFKA", kafka.agencyBootstrapServers()),
                Map.entry("LDX_PSEUDONYM_KEY_FILE", pseudonymKeyFile.toString()));
    }

    /** Starts the gateway and waits until it reports ready (database and Keycloak up; Kafka is not part of readiness). */
    public void start() {
        process.start();
        Await.until("gateway", Duration.ofSeconds(120), process::requireAlive,
                () -> Http.answers200(baseUrl() + "/q/health/ready"));
    }

    /** Kills the gateway at once (SIGKILL): no graceful shutdown, as in a crash. */
    public void kill() {
        process.kill();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.stop();
    }
}
