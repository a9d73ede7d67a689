package th.go.mol.ldx.devstack.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import th.go.mol.ldx.devstack.Devstack;
import th.go.mol.ldx.devstack.PostgresServer;
import th.go.mol.ldx.devstack.demo.DemoOrganisation;
import th.go.mol.ldx.devstack.demo.DemoParties;
import th.go.mol.ldx.devstack.demo.LdxApi;

/**
 * The agency-topic benchmark of issue 6, against a running local stack with the demo loaded: projected events/s with
 * ten agencies granted one dataset, commit-to-agency-topic latency at a fixed rate of changes, and the back-fill of
 * a new grant over the (bulk-grown) insured-persons dataset. Prints a Markdown table. Run it with
 * {@code bench/agency-topics.sh}.
 */
public final class AgencyTopicsBench {

    private static final String VACANCIES = "doe-job-vacancies";
    private static final String INSURED = "sso-insured-persons";
    private static final Pattern COUNTER = Pattern.compile("^(ldx_events_(?:published|projected)_total)\\S* ([0-9.E]+)$",
            Pattern.MULTILINE);
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":\"([0-9]+)\"");

    private final Devstack stack;
    private final LdxApi api;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> rows = new ArrayList<>();
    private final Map<String, DemoParties.Credential> credentials = new HashMap<>();

    private AgencyTopicsBench(Devstack stack) {
        this.stack = stack;
        this.api = stack.api();
    }

    public static void run(Devstack stack, int agencies, int burst, int rate, int seconds) throws Exception {
        new AgencyTopicsBench(stack).runAll(agencies, burst, rate, seconds);
    }

    private void runAll(int agencies, int burst, int rate, int seconds) throws Exception {
        String admin = stack.parties().token(DemoOrganisation.ADMINISTRATION);
        awaitIdle();
        latency(rate, seconds, "the demo's grants");
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= agencies; i++) {
            String agency = String.format("agency-bench-%02d", i);
            credentials.put(agency, stack.parties().newAgency(agency, null));
            names.add(agency);
            // Half the agencies see every vacancy, half those of four provinces (a row filter reads each change's previous state).
            String rows = i % 2 == 0 ? "{\"provinceCode\":{\"in\":[\"10\",\"11\",\"12\",\"13\"]}}" : "{}";
            grant(agency, admin, VACANCIES, "[\"employerId\",\"isicSection\",\"provinceCode\",\"positions\",\"salaryMin\","
                    + "\"salaryMax\",\"status\"]", rows);
        }
        awaitIdle();
        System.out.printf("%d agencies granted %s (half of them 4 provinces only); their topics back-filled.%n", agencies,
                VACANCIES);

        throughput(burst, agencies);
        latency(rate, seconds, "the demo's grants and " + agencies + " more agencies on " + VACANCIES);
        backfill(names.get(0), admin);
        rotation(names.get(0), admin);

        System.out.println();
        System.out.printf("Agency topics, %s; %d cores; %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"));
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        rows.forEach(System.out::println);
    }

    private void grant(String agency, String admin, String dataset, String fields, String rows) {
        DemoParties.Credential credential = credentials.get(agency);
        String token = api.token(credential.clientId(), credential.secret());
        String id = api.post("/v1/grants", token, """
                {"datasetId":"%s","fields":%s,"rows":%s,"purposes":["labour-statistics"],"validUntil":"%s"}
                """.formatted(dataset, fields, rows, Instant.now().plus(1, ChronoUnit.DAYS))).get("id").asText();
        api.post("/v1/grants/" + id + "/approve", admin, "{}");
    }

    /**
     * A burst of changes committed in one transaction, as a batch ingest would commit them, and the time until the
     * relay has published them to the dataset topic and projected them onto every agency topic.
     */
    private void throughput(int burst, int agencies) throws Exception {
        Map<String, Double> before = counters();
        long started;
        try (Connection c = db()) {
            c.setAutoCommit(false);
            long first = lockDataset(c, VACANCIES);
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH r AS (SELECT record_key, data, row_number() OVER (ORDER BY record_key) - 1 AS i
                               FROM record WHERE dataset_id = ?),
                         n AS (SELECT count(*) AS c FROM r)
                    INSERT INTO record_change (dataset_id, seq, event_id, record_key, operation, data, changed_at, changed_by)
                    SELECT ?, ? + g, gen_random_uuid(), r.record_key, 'upsert',
                           jsonb_set(r.data, '{positions}', to_jsonb(g % 50 + 1)), now(), 'bench'
                    FROM generate_series(1, ?) g CROSS JOIN n JOIN r ON r.i = g % n.c
                    """)) {
                ps.setString(1, VACANCIES);
                ps.setString(2, VACANCIES);
                ps.setLong(3, first);
                ps.setInt(4, burst);
                ps.executeUpdate();
            }
            update(c, """
                    UPDATE record SET data = c.data, change_seq = c.seq, updated_at = now()
                    FROM (SELECT DISTINCT ON (record_key) record_key, data, seq FROM record_change
                          WHERE dataset_id = ? AND seq > ? ORDER BY record_key, seq DESC) c
                    WHERE record.dataset_id = ? AND record.record_key = c.record_key
                    """, VACANCIES, first, VACANCIES);
            update(c, "UPDATE dataset SET change_seq = ? WHERE id = ?", first + burst, VACANCIES);
            update(c, "SELECT pg_notify('ldx_changes', ?)", VACANCIES);
            started = System.nanoTime();
            c.commit();
        }
        long lastProgress = started;
        double projected = 0;
        double last = -1;
        while (System.nanoTime() - lastProgress < Duration.ofSeconds(3).toNanos()) {
            Map<String, Double> now = counters();
            double published = now.get("ldx_events_published_total") - before.get("ldx_events_published_total");
            projected = now.get("ldx_events_projected_total") - before.get("ldx_events_projected_total");
            if (projected + published != last) {
                last = projected + published;
                lastProgress = System.nanoTime();
            }
            Thread.sleep(20);
        }
        double elapsed = (lastProgress - started) / 1e9;
        rows.add(String.format("| %,d changes committed in one transaction to %s, projected onto the topics of %d "
                + "agencies and agency-nso, and the dataset topic: until all published | %.1f s |", burst, VACANCIES,
                agencies, elapsed));
        rows.add(String.format("| projected events/s (events written to agency topics, deletes included) | **%,.0f** "
                + "(%,.0f events) |", projected / elapsed, projected));
    }

    /**
     * Changes committed one per transaction at a fixed rate (as the ingest commits them: dataset row lock, record,
     * change log, sequence, notification), and the time from each commit until agency-nso's topic holds it.
     */
    private void latency(int rate, int seconds, String grants) throws Exception {
        String topic = "ldx.agency.agency-nso." + VACANCIES;
        Map<Long, Long> committed = new ConcurrentHashMap<>();
        Map<Long, Long> received = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // A fetch waits on the broker for new data up to this long (500 ms by default); a consumer that wants
                // changes as they commit keeps it short.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(2))) {
                        long at = System.nanoTime();
                        if (record.value() != null) {
                            Matcher m = SEQUENCE.matcher(record.value());
                            if (m.find()) {
                                received.putIfAbsent(Long.parseLong(m.group(1)), at);
                            }
                        }
                    }
                }
            }, "bench-reader");
            reader.start();
            int warmUp = rate * 5;
            int total = rate * seconds;
            double achieved;
            try {
                achieved = write(rate, warmUp, total, committed);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!received.keySet().containsAll(committed.keySet()) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            } finally {
                reading.set(false);
                reader.join();
            }
            long[] latencies = committed.entrySet().stream().filter(e -> received.containsKey(e.getKey()))
                    .mapToLong(e -> Math.max(0, received.get(e.getKey()) - e.getValue())).sorted().toArray();
            rows.add(String.format("| commit → agency-nso's topic readable (read_committed), %,d changes at %,.0f "
                    + "changes/s, one transaction each, after 5 s of warm-up; %s: p50 / p99 / max | **%.1f ms / %.1f ms** "
                    + "/ %.1f ms (%,d of %,d received; relay step p50 / p99 %s) |", total, achieved, grants,
                    percentile(latencies, 50), percentile(latencies, 99), percentile(latencies, 100), latencies.length,
                    committed.size(), stepPercentiles()));
        }
    }

    /** Writes {@code warmUp + total} changes at {@code rate}; records the commit time of the last {@code total}. */
    private double write(int rate, int warmUp, int total, Map<Long, Long> committed) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = db()) {
            c.setAutoCommit(false);
            List<String> keys = keys(c, VACANCIES);
            for (int i = 0; i < warmUp + total; i++) {
                // Paced by sleeping, not spinning: the two cores are shared with everything measured.
                long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long seq = lockDataset(c, VACANCIES) + 1;
                String key = keys.get(i % keys.size());
                update(c, """
                        INSERT INTO record_change (dataset_id, seq, event_id, record_key, operation, data, changed_at, changed_by)
                        SELECT dataset_id, ?, gen_random_uuid(), record_key, 'upsert',
                               jsonb_set(data, '{positions}', to_jsonb(? % 50 + 1)), now(), 'bench'
                        FROM record WHERE dataset_id = ? AND record_key = ?
                        """, seq, i, VACANCIES, key);
                update(c, """
                        UPDATE record SET data = jsonb_set(data, '{positions}', to_jsonb(? % 50 + 1)), change_seq = ?,
                               updated_at = now() WHERE dataset_id = ? AND record_key = ?
                        """, i, seq, VACANCIES, key);
                update(c, "UPDATE dataset SET change_seq = ? WHERE id = ?", seq, VACANCIES);
                update(c, "SELECT pg_notify('ldx_changes', ?)", VACANCIES);
                c.commit();
                if (i >= warmUp) {
                    committed.put(seq, System.nanoTime());
                }
            }
        }
        return (warmUp + total) / ((System.nanoTime() - start) / 1e9);
    }

    /** A new grant over the whole insured-persons dataset: how long until its topic holds every record. */
    private void backfill(String agency, String admin) throws Exception {
        long records = recordsOf(INSURED);
        double elapsed = secondsUntilProjected(records, () -> grant(agency, admin, INSURED, "[\"nationalId\",\"sex\","
                + "\"birthYear\",\"section\",\"isicSection\",\"provinceCode\",\"monthlyWage\",\"registeredOn\",\"status\"]",
                "{}"));
        rows.add(String.format("| back-fill of a new grant over %,d records (9 fields, national IDs pseudonymised): "
                + "approval → topic holds every record | %.1f s: **%,.0f records/s** |", records, elapsed, records / elapsed));
        rows.add(String.format("| gateway resident memory after the back-fill | %d MiB |", gatewayRss()));
    }

    /**
     * A rotation of the pseudonym key of the agency {@link #backfill} granted the insured persons (issue 25): how long
     * until its topic holds every record again, under the new key.
     */
    private void rotation(String agency, String admin) throws Exception {
        long records = recordsOf(INSURED);
        double elapsed = secondsUntilProjected(records,
                () -> api.post("/v1/admin/organisations/" + agency + "/pseudonym-key/rotate", admin, ""));
        rows.add(String.format("| back-fill after a rotation of the agency's pseudonym key over %,d records: "
                + "rotation → topic holds every record again | %.1f s: **%,.0f records/s** |", records, elapsed,
                records / elapsed));
    }

    /** Seconds from {@code start} until the relay has projected {@code events} more events onto agency topics. */
    private double secondsUntilProjected(long events, Runnable start) throws Exception {
        Map<String, Double> before = counters();
        long started = System.nanoTime();
        start.run();
        double projected = 0;
        while (projected < events) {
            Thread.sleep(100);
            projected = counters().get("ldx_events_projected_total") - before.get("ldx_events_projected_total");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private long recordsOf(String dataset) throws Exception {
        try (Connection c = db(); PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM record WHERE dataset_id = ?")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The gateway's own percentiles of its publishing steps (one Kafka transaction each), over the last minutes. */
    private String stepPercentiles() throws Exception {
        String metrics = metrics();
        Matcher p50 = Pattern.compile("ldx_events_step_seconds\\{quantile=\"0.5\"} ([0-9.E-]+)").matcher(metrics);
        Matcher p99 = Pattern.compile("ldx_events_step_seconds\\{quantile=\"0.99\"} ([0-9.E-]+)").matcher(metrics);
        return p50.find() && p99.find() ? String.format("%.1f / %.1f ms", Double.parseDouble(p50.group(1)) * 1000,
                Double.parseDouble(p99.group(1)) * 1000) : "n/a";
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Until the relay has published nothing for three seconds. */
    private void awaitIdle() throws Exception {
        Map<String, Double> last = counters();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
            Thread.sleep(200);
            Map<String, Double> now = counters();
            if (!now.equals(last)) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.gateway().baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private Map<String, Double> counters() throws Exception {
        Map<String, Double> counters = new ConcurrentHashMap<>(Map.of("ldx_events_published_total", 0.0,
                "ldx_events_projected_total", 0.0));
        Matcher m = COUNTER.matcher(metrics());
        while (m.find()) {
            counters.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return counters;
    }

    private long gatewayRss() throws Exception {
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(stack.gateway().pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static long lockDataset(Connection c, String dataset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT change_seq FROM dataset WHERE id = ? FOR UPDATE")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> keys(Connection c, String dataset) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT record_key FROM record WHERE dataset_id = ? ORDER BY record_key")) {
            ps.setString(1, dataset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
        }
        c.commit();
        return keys;
    }

    private static void update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            ps.execute();
        }
    }
}
