package th.go.mol.ldx.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A one-node KRaft Kafka cluster (broker and controller in one process) started from the Kafka jars on this
 * classpath. It can be killed and started again on the same ports and data, as a broker restart would.
 *
 * <p>Two listeners: {@code INTERNAL} (plaintext, for the gateway and operators; it authenticates no one, so it is a
 * super user here and stays on loopback, or behind mTLS in production) and {@code AGENCY} (SASL/OAUTHBEARER: an
 * agency presents a token of the LDX realm for the gateway's audience, and its Keycloak client id is its principal).
 * The standard authorizer refuses whatever no ACL allows.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The audience an agency's token must carry: the gateway's client, as on REST. */
    static final String AUDIENCE = "ldx-gateway";
    /** How often a live agency connection re-authenticates: a session ends soon after its token expires. */
    static final long REAUTHENTICATE_MS = 60_000;

    private final Path dir;
    private final int port;
    private final int agencyPort;
    private final ServerProcess process;

    private KafkaBroker(Path dir, int port, int agencyPort, ServerProcess process) {
        this.dir = dir;
        this.port = port;
        this.agencyPort = agencyPort;
        this.process = process;
    }

    static KafkaBroker create(Path dir, int port, int controllerPort, int agencyPort, String realmUrl) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("server.properties");
            Properties p = new Properties();
            p.putAll(Map.ofEntries(
                    Map.entry("process.roles", "broker,controller"),
                    Map.entry("node.id", "1"),
                    Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                    Map.entry("listeners", "INTERNAL://127.0.0.1:" + port + ",AGENCY://127.0.0.1:" + agencyPort
                            + ",CONTROLLER://127.0.0.1:" + controllerPort),
                    Map.entry("advertised.listeners", "INTERNAL://127.0.0.1:" + port + ",AGENCY://127.0.0.1:" + agencyPort),
                    Map.entry("controller.listener.names", "CONTROLLER"),
                    Map.entry("inter.broker.listener.name", "INTERNAL"),
                    Map.entry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,AGENCY:SASL_PLAINTEXT"),
                    Map.entry("sasl.enabled.mechanisms", "OAUTHBEARER"),
                    Map.entry("listener.name.agency.sasl.enabled.mechanisms", "OAUTHBEARER"),
                    Map.entry("listener.name.agency.oauthbearer.sasl.jaas.config",
                            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required ;"),
                    Map.entry("listener.name.agency.oauthbearer.sasl.server.callback.handler.class",
                            "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler"),
                    Map.entry("sasl.oauthbearer.jwks.endpoint.url", jwks(realmUrl)),
                    Map.entry("sasl.oauthbearer.expected.issuer", realmUrl),
                    Map.entry("sasl.oauthbearer.expected.audience", AUDIENCE),
                    Map.entry("sasl.oauthbearer.sub.claim.name", "client_id"),
                    Map.entry("connections.max.reauth.ms", Long.toString(REAUTHENTICATE_MS)),
                    Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                    Map.entry("allow.everyone.if.no.acl.found", "false"),
                    Map.entry("super.users", "User:ANONYMOUS"),
                    Map.entry("log.dirs", dir.resolve("data").toString()),
                    Map.entry("num.partitions", "1"),
                    Map.entry("auto.create.topics.enable", "false"),
                    Map.entry("offsets.topic.replication.factor", "1"),
                    Map.entry("offsets.topic.num.partitions", "1"),
                    Map.entry("transaction.state.log.replication.factor", "1"),
                    Map.entry("transaction.state.log.min.isr", "1"),
                    Map.entry("transaction.state.log.num.partitions", "1"),
                    // The relay starts its next transaction as soon as one commits, while the broker may still be
                    // writing the commit markers: the broker retries adding partitions after this backoff (20 ms by
                    // default), which would be pure latency on every change (ADR 007).
                    Map.entry("add.partitions.to.txn.retry.backoff.ms", "1"),
                    Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                    Map.entry("share.coordinator.state.topic.min.isr", "1"),
                    Map.entry("group.initial.rebalance.delay.ms", "0")));
            try (var out = Files.newOutputStream(config)) {
                p.store(out, "LDX devstack: one-node KRaft cluster on loopback");
            }
            String classpath = System.getProperty("java.class.path");
            Path log = dir.resolve("kafka.log");
            ServerProcess format = new ServerProcess("kafka storage format",
                    List.of(ServerProcess.java(), "-cp", classpath, "kafka.tools.StorageTool", "format", "-t",
                            Uuid.randomUuid().toString(), "-c", config.toString()),
                    Map.of(), dir, log);
            format.runToCompletion(Duration.ofSeconds(60));
            ServerProcess broker = new ServerProcess("kafka",
                    List.of(ServerProcess.java(), "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                            "-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=" + jwks(realmUrl),
                            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=info", "-cp", classpath, "kafka.Kafka",
                            config.toString()),
                    Map.of(), dir, log);
            return new KafkaBroker(dir, port, agencyPort, broker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka in " + dir, e);
        }
    }

    /** Starts the broker and waits until it answers metadata requests. */
    public void start() {
        process.start();
        Await.until("kafka", Duration.ofSeconds(90), process::requireAlive, this::answers);
    }

    /** Freezes the broker (SIGSTOP): connections stay open and nothing is answered, as a hung broker. */
    public void pause() {
        process.signal("STOP");
    }

    /** Lets a paused broker go on (SIGCONT). */
    public void resume() {
        process.signal("CONT");
    }

    /** Kills the broker process at once (SIGKILL). */
    public void kill() {
        process.kill();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Where agencies connect, with SASL/OAUTHBEARER. */
    public String agencyBootstrapServers() {
        return "127.0.0.1:" + agencyPort;
    }

    public long pid() {
        return process.pid();
    }

    Path dir() {
        return dir;
    }

    private boolean answers() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static String jwks(String realmUrl) {
        return realmUrl + "/protocol/openid-connect/certs";
    }

    @Override
    public void close() {
        process.stop();
    }
}
