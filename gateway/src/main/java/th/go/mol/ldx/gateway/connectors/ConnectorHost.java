package th.go.mol.ldx.gateway.connectors;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;
import th.go.mol.ldx.connector.Source;
import th.go.mol.ldx.connector.file.FileDropSettings;
import th.go.mol.ldx.connector.file.FileDropSource;
import th.go.mol.ldx.connector.jdbc.JdbcSettings;
import th.go.mol.ldx.connector.jdbc.JdbcSource;
import th.go.mol.ldx.gateway.db.AdvisoryLock;

/**
 * Runs the configured connectors, each on a thread of its own, in every process with {@code ldx.connectors.run}:
 * the process that holds a connector's advisory lock runs it, the others stand by. Before each round the runner
 * reads the admins' pause and reset; after it, it records what the round did (table {@code connector}, metrics
 * {@code ldx_connector_rows_total} and {@code ldx_connector_lag_seconds}, tagged with the connector's name).
 */
@ApplicationScoped
public class ConnectorHost {

    private static final Logger LOG = Logger.getLogger(ConnectorHost.class);
    /** How long a failing connector waits before its next round. */
    private static final Duration BACKOFF = Duration.ofSeconds(5);
    private static final String NAME = "[a-z][a-z0-9-]{1,62}";

    private final ConnectorsConfig config;
    private final ConnectorStore store;
    private final ConnectorPublisher publisher;
    private final AgroalDataSource db;
    private final MeterRegistry metrics;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();
    private final List<Runner> runners = new ArrayList<>();

    ConnectorHost(ConnectorsConfig config, ConnectorStore store, ConnectorPublisher publisher, AgroalDataSource db,
            MeterRegistry metrics) {
        this.config = config;
        this.store = store;
        this.publisher = publisher;
        this.db = db;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        for (Map.Entry<String, ConnectorsConfig.Definition> entry : config.sources().entrySet()) {
            String name = entry.getKey();
            ConnectorsConfig.Definition definition = entry.getValue();
            if (!name.matches(NAME)) {
                throw new IllegalStateException("ldx.connectors.sources." + name + ": a connector's name has 2 to 63 "
                        + "lower-case letters, digits and dashes, starting with a letter");
            }
            newSource(name, definition).close();
            store.register(name, definition.kind().name().toLowerCase(Locale.ROOT), definition.dataset());
            if (config.run()) {
                Runner runner = new Runner(name, definition);
                runners.add(runner);
                runner.thread.start();
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        runners.forEach(Runner::stop);
        for (Runner runner : runners) {
            try {
                runner.thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** After this long without a round, a connector is reported stopped. */
    Duration stoppedAfter() {
        Duration longest = config.sources().values().stream().map(ConnectorsConfig.Definition::pollInterval)
                .max(Duration::compareTo).orElse(Duration.ofSeconds(1));
        return longest.multipliedBy(3).plus(BACKOFF).plusSeconds(10);
    }

    /** The source a definition describes; a definition that cannot make one stops the start. */
    private static Source newSource(String name, ConnectorsConfig.Definition d) {
        String at = "ldx.connectors.sources." + name;
        return switch (d.kind()) {
            case JDBC -> {
                ConnectorsConfig.Jdbc jdbc = d.jdbc().orElseThrow(() -> new IllegalStateException(at + ".jdbc.* is missing"));
                yield new JdbcSource(new JdbcSettings(jdbc.url(), jdbc.user().orElse(null), jdbc.password().orElse(null),
                        jdbc.table().orElse(null), jdbc.query().orElse(null), jdbc.mode(), jdbc.keyColumn(),
                        jdbc.trackingColumn(), jdbc.softDeleteColumn().orElse(null), jdbc.lag(), jdbc.lagRows(),
                        jdbc.reconcileInterval(), d.batchSize(), d.fields()), Clock.systemUTC());
            }
            case FILE -> {
                ConnectorsConfig.FileDrop file = d.file().orElseThrow(() -> new IllegalStateException(at + ".file.* is missing"));
                Map<String, List<String>> headers = new HashMap<>();
                d.fields().forEach((field, variants) -> headers.put(field,
                        Arrays.stream(variants.split("\\|")).map(String::strip).toList()));
                yield new FileDropSource(new FileDropSettings(file.directory(), file.mode(), file.encoding(), headers,
                        file.deleteColumn().orElse(null), d.allOrNothing(), d.batchSize()), Clock.systemUTC());
            }
        };
    }

    /** One connector's thread: hold the lock, honour the admins' requests, run a round, record it. */
    private final class Runner implements Runnable {

        private final String name;
        private final ConnectorsConfig.Definition definition;
        private final AdvisoryLock lock;
        private final GatewaySink sink;
        private final Thread thread;
        private final Counter read;
        private final Counter accepted;
        private final Counter rejected;
        private final AtomicReference<Double> lag = new AtomicReference<>(Double.NaN);
        private volatile boolean stopping;
        private Source source;
        private String lastProblem;

        Runner(String name, ConnectorsConfig.Definition definition) {
            this.name = name;
            this.definition = definition;
            this.lock = AdvisoryLock.named(db, "ldx.connector." + name);
            this.read = rows("read");
            this.accepted = rows("accepted");
            this.rejected = rows("rejected");
            this.sink = new GatewaySink(name, definition.dataset(), publisher, store, rows("changed"));
            this.thread = new Thread(this, "connector-" + name);
            Gauge.builder("ldx.connector.lag.seconds", lag, AtomicReference::get).tag("connector", name)
                    .description("How far the dataset is behind the connector's source").register(metrics);
        }

        private Counter rows(String outcome) {
            return Counter.builder("ldx.connector.rows").tag("connector", name).tag("outcome", outcome)
                    .description("Rows a connector read from its source (read), valid (accepted), invalid (rejected), "
                            + "and those that changed a record (changed)").register(metrics);
        }

        @Override
        public void run() {
            while (!stopping) {
                Duration pause = definition.pollInterval();
                try {
                    pause = round();
                    lastProblem = null;
                } catch (Exception e) {
                    String problem = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
                    if (!problem.equals(lastProblem)) {
                        LOG.warnf(e, "Connector %s failed; it retries every %s until it works: %s", name, BACKOFF, problem);
                        lastProblem = problem;
                    }
                    closeSource();
                    recordFailure(problem);
                    pause = BACKOFF;
                }
                sleep(pause);
            }
            closeSource();
            lock.release();
        }

        /** One round, or a wait; answers how long to pause before the next. */
        private Duration round() throws Exception {
            if (!lock.hold()) {
                // Another process runs it: state kept from an earlier turn (a snapshot's cursor) would be stale.
                closeSource();
                return definition.pollInterval();
            }
            ConnectorStore.Requests requests = store.requests(name);
            if (requests.reset()) {
                closeSource();
                store.reset(name);
            }
            if (requests.paused()) {
                // Paused for as long as an admin likes: hold no cursor or transaction on the legacy database.
                closeSource();
                // A paused connector reads nothing, so it cannot say how far behind its source it is.
                lag.set(Double.NaN);
                store.heartbeat(name, instance, null);
                return definition.pollInterval();
            }
            if (source == null) {
                source = newSource(name, definition);
            }
            Source.Round round = source.poll(sink);
            read.increment(round.read());
            accepted.increment(round.accepted());
            rejected.increment(round.rejected());
            lag.set(source.lagSeconds());
            store.heartbeat(name, instance, source.lagSeconds());
            return round.more() ? Duration.ZERO : definition.pollInterval();
        }

        private void recordFailure(String problem) {
            try {
                store.failed(name, instance, problem);
            } catch (RuntimeException e) {
                // PostgreSQL itself is down: the log says so once, the next round retries
            }
        }

        private void closeSource() {
            if (source != null) {
                source.close();
                source = null;
            }
        }

        private void sleep(Duration pause) {
            if (pause.isZero() || stopping) {
                return;
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }

        void stop() {
            stopping = true;
        }
    }
}
