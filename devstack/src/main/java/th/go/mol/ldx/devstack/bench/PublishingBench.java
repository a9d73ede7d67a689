package th.go.mol.ldx.devstack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import th.go.mol.ldx.devstack.Devstack;
import th.go.mol.ldx.devstack.GatewayServer;
import th.go.mol.ldx.devstack.PostgresServer;
import th.go.mol.ldx.devstack.demo.DemoData;
import th.go.mol.ldx.devstack.demo.DemoDataset;
import th.go.mol.ldx.devstack.demo.DemoOrganisation;
import th.go.mol.ldx.devstack.demo.ReferenceData;
import th.go.mol.ldx.security.ThaiNationalId;

/**
 * The publishing benchmark of issue 8, against a running local stack with the demo loaded: the raw Kafka producer
 * as the ceiling, sustained batch ingest to Kafka, a JDBC connector's initial load of a legacy table, and .xlsx
 * workbooks through the file drop with the connector process's heap sampled. Prints a Markdown table. Run it with
 * {@code bench/publishing.sh}.
 */
public final class PublishingBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PUBLISHED = Pattern.compile("^ldx_events_published_total\\S* ([0-9.E]+)$", Pattern.MULTILINE);
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E]+)$",
            Pattern.MULTILINE);
    private static final Pattern LIVE = Pattern.compile("^jvm_gc_live_data_size_bytes\\S* ([0-9.E]+)$", Pattern.MULTILINE);
    private static final String LEGACY_DATASET = "bench-legacy";
    private static final String WORKBOOK_DATASET = "bench-workbook";
    private static final String UNGRANTED_DATASET = "bench-insured-ungranted";

    private final Devstack stack;
    /**
     * HTTP/1.1, a connection per client, as a publisher's HTTP client or curl sends: the JDK's default upgrades to
     * HTTP/2 and sends every client's batches over one connection, whose flow control then paces the uploads.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> rows = new ArrayList<>();
    /** Clients posting batches at once: publishers of one dataset, whose batches take its write lock in turn. */
    private final int batchClients;
    private double rawRate;
    private boolean producerWarm;

    private PublishingBench(Devstack stack, int batchClients) {
        this.stack = stack;
        this.batchClients = batchClients;
    }

    /**
     * {@code rounds} above 1 measures the raw producer and the ungranted copy's ingest again, that many times in
     * all, each ingest into a new copy right after its own raw producer run, and prints their medians: on this
     * machine runs of the same code spread by a fifth.
     */
    public static void run(Devstack stack, int producerRecords, int batchChanges, int batchSize, int batchClients,
            int rounds, int legacyRows, int workbookRows) throws Exception {
        new PublishingBench(stack, batchClients)
                .runAll(producerRecords, batchChanges, batchSize, rounds, legacyRows, workbookRows);
    }

    private void runAll(int producerRecords, int batchChanges, int batchSize, int rounds, int legacyRows,
            int workbookRows) throws Exception {
        List<String> payloads = samplePayloads();
        List<Double> rawRates = new ArrayList<>();
        List<Double> ingestRates = new ArrayList<>();
        if (producerRecords > 0) {
            rawRates.add(rawProducer(producerRecords, payloads));
        }
        if (batchChanges > 0) {
            List<Path> bodies = batchBodies(batchChanges, batchSize);
            batchIngest(DemoDataset.SSO_INSURED_PERSONS.id(), bodies, batchChanges, batchSize,
                    "the demo's two agency grants in effect, agency-nso's and agency-rd's: "
                            + "3 Kafka messages per change");
            // The same records into copies of the dataset that no agency is granted: the ingest path and the dataset
            // topic alone, to show what the agency projections cost.
            for (int round = 1; round <= Math.max(1, rounds); round++) {
                if (round > 1 && producerRecords > 0) {
                    rawRates.add(rawProducer(producerRecords, payloads));
                }
                String copyId = round == 1 ? UNGRANTED_DATASET : UNGRANTED_DATASET + "-" + round;
                ObjectNode copy = (ObjectNode) JSON.readTree(DemoDataset.SSO_INSURED_PERSONS.definitionJson());
                stack.api().put("/v1/admin/datasets/" + copyId, admin(), copy.toString());
                ingestRates.add(batchIngest(copyId, bodies, batchChanges, batchSize,
                        "no agency granted: 1 Kafka message per change"));
            }
            if (ingestRates.size() > 1) {
                row("Median of " + ingestRates.size() + " rounds: raw Kafka producer / batch ingest into a new "
                        + "ungranted copy, committed and on Kafka", String.format("%,.0f records/s / %,.0f changes/s",
                        median(rawRates), median(ingestRates)));
            }
        }
        prepareLegacyTable(legacyRows);
        defineDataset(LEGACY_DATASET);
        defineDataset(WORKBOOK_DATASET);
        Path drop = Files.createDirectories(stack.dir().resolve("bench-drop"));
        Path config = stack.dir().resolve("bench-connectors.properties");
        Files.writeString(config, connectors(drop, batchSize));
        try (GatewayServer connectors = stack.unstartedGateway("gateway-bench-connectors",
                env -> env.put("QUARKUS_CONFIG_LOCATIONS", config.toUri().toString()))) {
            double published = published();
            connectors.start();
            if (legacyRows > 0) {
                jdbcLoad(connectors, legacyRows, published);
            }
            if (workbookRows > 0) {
                workbook(connectors, drop, Math.max(1, workbookRows / 10));
                workbook(connectors, drop, workbookRows);
            }
        }
        System.out.println();
        System.out.println("| measurement | figure |");
        System.out.println("|---|---:|");
        rows.forEach(System.out::println);
    }

    /** Change events of the demo's insured persons, as the relay sends them: the ceiling's payloads. */
    private static List<String> samplePayloads() {
        DemoData data = new DemoData(new ReferenceData(), 7);
        List<String> payloads = new ArrayList<>();
        for (int n = 1; n <= 1000; n++) {
            ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                    .put("source", "/ldx/datasets/sso-insured-persons").put("type", "th.go.mol.ldx.record.upserted")
                    .put("subject", "SSO-" + n).put("time", "2026-11-25T00:00:00Z").put("sequence", Integer.toString(n));
            event.set("data", DemoDataset.SSO_INSURED_PERSONS.record(data, n));
            payloads.add(event.toString());
        }
        return payloads;
    }

    /**
     * The raw producer's rate, after one unmeasured pass the first time: cold, the producer in this launcher and the
     * broker measured 39,250 records/s where two more passes of the same run measured 49,709 and 61,993.
     */
    private double rawProducer(int records, List<String> payloads) throws Exception {
        if (!producerWarm) {
            send(records, payloads);
            producerWarm = true;
        }
        double seconds = send(records, payloads);
        row("Raw Kafka producer (baseline): " + String.format("%,d", records) + " change events of ~"
                + payloads.get(0).length() + " bytes, acks=all, idempotent", String.format("%,.0f records/s", records / seconds));
        rawRate = records / seconds;
        return rawRate;
    }

    /** Sends the records to a new topic; answers the seconds it took. */
    private double send(int records, List<String> payloads) throws Exception {
        String topic = "bench.raw." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()))) {
            kafka.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            for (int n = 0; n < records; n++) {
                producer.send(new ProducerRecord<>(topic, "SSO-" + n, payloads.get(n % payloads.size())));
            }
            producer.flush();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * New insured persons in batch bodies, made beforehand into files (the launcher's heap does not hold them all), so
     * that making them is not measured.
     */
    private List<Path> batchBodies(int changes, int batchSize) throws IOException {
        DemoDataset dataset = DemoDataset.SSO_INSURED_PERSONS;
        DemoData data = new DemoData(new ReferenceData(), 2026);
        int first = 5_000_000;
        Path directory = Files.createDirectories(stack.dir().resolve("bench-batches"));
        List<Path> bodies = new ArrayList<>();
        for (int start = 0; start < changes; start += batchSize) {
            ObjectNode batch = JSON.createObjectNode();
            ArrayNode list = batch.putArray("changes");
            for (int n = start; n < Math.min(changes, start + batchSize); n++) {
                list.addObject().put("operation", "upsert").set("data", dataset.record(data, first + n));
            }
            Path body = directory.resolve("batch-" + start + ".json");
            JSON.writeValue(body.toFile(), batch);
            bodies.add(body);
        }
        return bodies;
    }

    /**
     * The batches posted by several clients at once, as fast as answered, as sso-insured-persons' owner; answers the
     * rate in changes/s counted until the relay has published the last change to Kafka.
     */
    private double batchIngest(String datasetId, List<Path> bodies, int changes, int batchSize, String fanOut)
            throws Exception {
        String token = stack.parties().token(DemoDataset.SSO_INSURED_PERSONS.owner());
        awaitRelayIdle();
        double before = published();
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(batchClients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < batchClients; c++) {
            done.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    post("/v1/datasets/" + datasetId + "/records:batch", token, bodies.get(i));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
        double ingested = (System.nanoTime() - started) / 1e9;
        while (published() < before + changes) {
            Thread.sleep(50);
        }
        double toKafka = (System.nanoTime() - started) / 1e9;
        row("Batch ingest into " + datasetId + " (" + fanOut + "), " + String.format("%,d", changes)
                + " new records in batches of " + String.format("%,d", batchSize) + " (" + batchClients
                + " clients): committed",
                String.format("%,.0f changes/s", changes / ingested));
        row("the same, committed and on Kafka (relay)", String.format("%,.0f changes/s (%.0f %% of the raw producer)",
                changes / toKafka, 100 * changes / toKafka / rawRate));
        return changes / toKafka;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private void prepareLegacyTable(int legacyRows) throws SQLException {
        if (legacyRows == 0) {
            return;
        }
        long started = System.nanoTime();
        try (Connection c = db(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench_legacy CASCADE");
            s.execute("CREATE SCHEMA bench_legacy");
            s.execute("""
                    CREATE TABLE bench_legacy.insured AS
                    SELECT 'B-' || lpad(n::text, 8, '0') AS code, d || ((11 - (
                               SELECT sum(substr(d, i, 1)::int * (14 - i)) FROM generate_series(1, 12) i) % 11) % 10) AS national_id,
                           'Name ' || n AS full_name, (n % 50000) AS amount,
                           (ARRAY['10','11','12','13','50','90'])[1 + n % 6] AS province,
                           DATE '2020-01-01' + (n % 1500) AS registered,
                           clock_timestamp() - interval '1 day' + n * interval '1 millisecond' AS updated_at
                    FROM generate_series(1, ?) AS n, LATERAL (SELECT '1' || lpad(n::text, 11, '0') AS d) AS twelve
                    """.replace("?", Integer.toString(legacyRows)));
            s.execute("ALTER TABLE bench_legacy.insured ADD PRIMARY KEY (code)");
            s.execute("CREATE INDEX ON bench_legacy.insured (updated_at, code)");
        }
        System.out.printf("Legacy table of %,d rows made in %.1f s.%n", legacyRows, (System.nanoTime() - started) / 1e9);
    }

    private void defineDataset(String id) throws Exception {
        ObjectNode schema = (ObjectNode) JSON.readTree("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                 "required":["id","nationalId","amount"],"additionalProperties":false,
                 "properties":{"id":{"type":"string"},"nationalId":{"type":"string","format":"th-national-id"},
                  "name":{"type":"string"},"amount":{"type":"integer","minimum":0},
                  "provinceCode":{"type":"string","format":"th-province-code"},
                  "registeredOn":{"type":"string","format":"date"}}}
                """);
        ObjectNode definition = JSON.createObjectNode();
        definition.putObject("title").put("th", "ชุดข้อมูลทดสอบสมรรถนะ").put("en", "Benchmark dataset " + id);
        definition.putObject("description").put("th", "สร้างโดยการทดสอบสมรรถนะ").put("en", "Made by bench/publishing.sh");
        definition.put("owner", "dept-sso").put("classification", "internal").put("keyField", "id");
        definition.set("schema", schema);
        definition.putArray("personalDataFields").addObject().put("field", "nationalId").put("category", "national-id");
        // The catalog's metadata (objective, contact, licence...) of the demo's registry, which these tables stand for.
        definition.set("metadata", JSON.readTree(DemoDataset.SSO_INSURED_PERSONS.definitionJson()).get("metadata"));
        stack.api().put("/v1/admin/datasets/" + id, admin(), definition.toString());
    }

    private String connectors(Path drop, int batchSize) {
        String jdbc = "ldx.connectors.sources.bench-legacy.";
        String file = "ldx.connectors.sources.bench-workbook.";
        return String.join("\n",
                jdbc + "kind=jdbc", jdbc + "dataset=" + LEGACY_DATASET, jdbc + "batch-size=" + batchSize,
                jdbc + "fields.id=code", jdbc + "fields.nationalId=national_id", jdbc + "fields.name=full_name",
                jdbc + "fields.provinceCode=province", jdbc + "fields.registeredOn=registered",
                jdbc + "jdbc.url=" + stack.postgres().jdbcUrl(), jdbc + "jdbc.user=" + PostgresServer.USER,
                jdbc + "jdbc.password=" + PostgresServer.PASSWORD, jdbc + "jdbc.table=bench_legacy.insured",
                jdbc + "jdbc.key-column=code", jdbc + "jdbc.tracking-column=updated_at",
                file + "kind=file", file + "dataset=" + WORKBOOK_DATASET, file + "batch-size=" + batchSize,
                file + "poll-interval=100ms", file + "fields.id=รหัส", file + "fields.nationalId=เลขประจำตัวประชาชน",
                file + "fields.name=ชื่อ - สกุล", file + "fields.amount=จำนวนเงิน", file + "fields.provinceCode=จังหวัด",
                file + "fields.registeredOn=วันที่ขึ้นทะเบียน", file + "file.directory=" + drop, file + "file.mode=delta", "");
    }

    /** The connector's initial load: rows/s into the change log (from its own counts), then until on Kafka. */
    private void jdbcLoad(GatewayServer connectors, int legacyRows, double publishedBefore) throws Exception {
        long firstSeen = 0;
        long changedAtFirstSeen = 0;
        long changed = 0;
        while (changed < legacyRows) {
            changed = state("bench-legacy").path("rowsChanged").asLong();
            if (firstSeen == 0 && changed > 0) {
                firstSeen = System.nanoTime();
                changedAtFirstSeen = changed;
            }
            Thread.sleep(250);
        }
        double seconds = (System.nanoTime() - firstSeen) / 1e9;
        while (published() < publishedBefore + legacyRows) {
            Thread.sleep(100);
        }
        double toKafka = (System.nanoTime() - firstSeen) / 1e9;
        row("JDBC connector, initial load of a " + String.format("%,d", legacyRows) + "-row PostgreSQL table: committed",
                String.format("%,.0f rows/s", (legacyRows - changedAtFirstSeen) / seconds));
        row("JDBC connector initial load: committed and on Kafka", String.format("%,.0f rows/s",
                (legacyRows - changedAtFirstSeen) / toKafka));
    }

    /** A workbook of {@code rowCount} rows dropped for the file connector: rows/s, and the connector process's heap. */
    private void workbook(GatewayServer connectors, Path drop, int rowCount) throws Exception {
        Path file = stack.dir().resolve("bench-" + rowCount + ".xlsx");
        writeWorkbook(file, rowCount);
        long before = state("bench-workbook").path("rowsChanged").asLong();
        double baseline = heapAfterFullGc(connectors);
        double peak = baseline;
        double peakLive = 0;
        long started = System.nanoTime();
        Files.move(file, drop.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        while (state("bench-workbook").path("rowsChanged").asLong() < before + rowCount) {
            String metrics = metrics(connectors);
            peak = Math.max(peak, sum(HEAP, metrics));
            peakLive = Math.max(peakLive, sum(LIVE, metrics));
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double after = heapAfterFullGc(connectors);
        row(String.format(".xlsx workbook of %,d rows through the file drop (SAX stream)", rowCount),
                String.format("%,.0f rows/s; connector process heap after a full GC %.0f MiB before, %.0f MiB after; "
                        + "used at most %.0f MiB (sampled every 100 ms), live after a GC at most %.0f MiB",
                        rowCount / seconds, baseline / 1048576, after / 1048576, peak / 1048576, peakLive / 1048576));
    }

    private static void writeWorkbook(Path file, int rowCount) throws IOException {
        // Shared strings, as Excel writes a workbook (SXSSF's default, inline strings, would spare the reader its table).
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, false, true); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("ผู้ประกันตน");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("d/m/yyyy"));
            Row head = sheet.createRow(0);
            String[] headers = {"รหัส", "เลขประจำตัวประชาชน", "ชื่อ - สกุล", "จำนวนเงิน", "จังหวัด", "วันที่ขึ้นทะเบียน"};
            for (int i = 0; i < headers.length; i++) {
                head.createCell(i).setCellValue(headers[i]);
            }
            String prefix = UUID.randomUUID().toString().substring(0, 4);
            for (int n = 1; n <= rowCount; n++) {
                Row row = sheet.createRow(n);
                row.createCell(0).setCellValue("W-" + prefix + "-" + n);
                row.createCell(1).setCellValue(nationalId(n));
                row.createCell(2).setCellValue("ผู้ประกันตน " + n);
                row.createCell(3).setCellValue(n % 50_000);
                row.createCell(4).setCellValue(List.of("10", "11", "50", "90").get(n % 4));
                row.createCell(5).setCellValue(LocalDate.of(2020, 1, 1).plusDays(n % 1500));
                row.getCell(5).setCellStyle(date);
            }
            workbook.write(out);
            workbook.dispose();
        }
    }

    private static String nationalId(int n) {
        return ThaiNationalId.withCheckDigit(String.format("1%011d", n)).digits();
    }

    private JsonNode state(String connector) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.gateway().baseUrl()
                + "/v1/admin/connectors/" + connector)).header("Authorization", "Bearer " + admin()).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode state = JSON.readTree(answer.body());
        if (state.hasNonNull("lastError")) {
            System.out.println(connector + ": " + state.get("lastError").asText());
        }
        return state;
    }

    /**
     * A fresh token of the administration: the realm's tokens last 5 minutes, and a bench of several rounds runs
     * longer than that.
     */
    private String admin() {
        return stack.parties().token(DemoOrganisation.ADMINISTRATION);
    }

    private void post(String path, String token, Path body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(stack.gateway().baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofFile(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("batch refused: " + answer.statusCode() + " " + answer.body());
        }
    }

    /** Until the relay has published nothing for two seconds. */
    private void awaitRelayIdle() throws Exception {
        double last = published();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < Duration.ofSeconds(2).toNanos()) {
            Thread.sleep(200);
            double now = published();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private double published() throws Exception {
        return sum(PUBLISHED, metrics(stack.gateway()));
    }

    private String metrics(GatewayServer gateway) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The heap in use right after a full collection (jcmd GC.run): what the process holds on to. */
    private double heapAfterFullGc(GatewayServer gateway) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(gateway.pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gc.waitFor();
        return sum(HEAP, metrics(gateway));
    }

    private static double sum(Pattern pattern, String metrics) {
        double total = 0;
        Matcher m = pattern.matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private void row(String what, String figure) {
        String line = "| " + what + " | " + figure + " |";
        System.out.println(line);
        rows.add(line);
    }

    private Connection db() throws SQLException {
        return DriverManager.getConnection(stack.postgres().jdbcUrl(), PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
