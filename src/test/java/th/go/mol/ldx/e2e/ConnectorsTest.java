package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.Devstack;
import th.go.mol.ldx.devstack.GatewayServer;
import th.go.mol.ldx.devstack.PostgresServer;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.TopicReader;
import th.go.mol.ldx.security.ThaiNationalId;

/**
 * Connectors bring the ministry's legacy systems in: a table of a real PostgreSQL "legacy" schema, and a directory
 * of CSV and Excel files as departments write them. They run in a gateway replica of their own, configured with one
 * block per connector, and publish through the same validation, change log and outbox as the ingest API.
 */
@ExtendWith(LdxStack.class)
class ConnectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Charset WINDOWS_874 = Charset.forName("x-windows-874");

    private static String schema;
    private static TestDataset legacyDataset;
    private static TestDataset windowDataset;
    private static TestDataset permitsDataset;
    private static TestDataset deltaDataset;
    private static TestDataset snapshotDataset;
    private static Path deltaDrop;
    private static Path snapshotDrop;
    private static GatewayServer connectors;

    @BeforeAll
    static void startConnectors() throws Exception {
        Devstack stack = LdxStack.stack();
        schema = "legacy_" + UUID.randomUUID().toString().substring(0, 8);
        legacyDataset = TestDataset.create();
        windowDataset = TestDataset.create();
        permitsDataset = TestDataset.create();
        deltaDataset = TestDataset.create();
        snapshotDataset = TestDataset.create();
        deltaDrop = Files.createDirectories(stack.dir().resolve("drops").resolve(deltaDataset.id()));
        snapshotDrop = Files.createDirectories(stack.dir().resolve("drops").resolve(snapshotDataset.id()));
        try (Connection c = legacy(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".insured (code text PRIMARY KEY, national_id text NOT NULL, "
                    + "full_name text, amount integer NOT NULL, province text, registered date, "
                    + "updated_at timestamptz NOT NULL DEFAULT clock_timestamp(), deleted boolean NOT NULL DEFAULT false)");
            for (int n = 1; n <= 30; n++) {
                insert(s, n, "clock_timestamp() - interval '1 hour'");
            }
            s.execute("CREATE TABLE " + schema + ".permits (id bigserial PRIMARY KEY, national_id text NOT NULL, "
                    + "amount integer NOT NULL)");
            for (int n = 1; n <= 10; n++) {
                permit(s);
            }
        }
        Path config = stack.dir().resolve("connectors-" + schema + ".properties");
        Files.writeString(config, configuration(stack));
        connectors = stack.unstartedGateway("gateway-connectors",
                env -> env.put("QUARKUS_CONFIG_LOCATIONS", config.toUri().toString()));
        connectors.start();
    }

    @AfterAll
    static void stopConnectors() {
        if (connectors != null) {
            connectors.close();
        }
    }

    private static String configuration(Devstack stack) {
        String permits = "ldx.connectors.sources.legacy-permits.";
        String delta = "ldx.connectors.sources.drop-delta.";
        String snapshot = "ldx.connectors.sources.drop-snapshot.";
        return String.join("\n",
                insuredConnector("legacy-insured", legacyDataset, stack, "5s", true),
                // The same table for another dataset, never reconciled during the test: only its sweeps' lag window
                // can catch the late commit.
                insuredConnector("legacy-insured-window", windowDataset, stack, "1h", false),
                permits + "kind=jdbc",
                permits + "dataset=" + permitsDataset.id(),
                permits + "poll-interval=200ms",
                permits + "fields.nationalId=national_id",
                permits + "jdbc.url=" + stack.postgres().jdbcUrl(),
                permits + "jdbc.user=" + PostgresServer.USER,
                permits + "jdbc.password=" + PostgresServer.PASSWORD,
                permits + "jdbc.query=SELECT 'P-' || id AS code, id, national_id, amount FROM " + schema + ".permits",
                permits + "fields.id=code",
                permits + "jdbc.mode=incrementing",
                permits + "jdbc.key-column=id",
                permits + "jdbc.tracking-column=id",
                permits + "jdbc.lag-rows=100",
                // No reconciliation during the test: only the sweeps' re-read can catch the late commit.
                permits + "jdbc.reconcile-interval=1h",
                delta + "kind=file",
                delta + "dataset=" + deltaDataset.id(),
                delta + "poll-interval=200ms",
                delta + "fields.id=รหัส|code",
                delta + "fields.nationalId=เลขประจำตัวประชาชน|national id",
                delta + "fields.name=ชื่อ-สกุล|full name",
                delta + "fields.amount=จำนวนเงิน",
                delta + "fields.provinceCode=จังหวัด|province",
                delta + "fields.registeredOn=วันที่ขึ้นทะเบียน|registered",
                delta + "file.directory=" + deltaDrop,
                delta + "file.mode=delta",
                delta + "file.delete-column=action",
                snapshot + "kind=file",
                snapshot + "dataset=" + snapshotDataset.id(),
                snapshot + "poll-interval=200ms",
                snapshot + "file.directory=" + snapshotDrop,
                snapshot + "file.mode=snapshot",
                "");
    }

    /** A JDBC connector on the legacy insured-persons table, its columns mapped to the test dataset's fields. */
    private static String insuredConnector(String name, TestDataset dataset, Devstack stack, String reconcileInterval,
            boolean softDeletes) {
        String at = "ldx.connectors.sources." + name + ".";
        return String.join("\n",
                at + "kind=jdbc",
                at + "dataset=" + dataset.id(),
                at + "poll-interval=200ms",
                at + "fields.id=code",
                at + "fields.nationalId=national_id",
                at + "fields.name=full_name",
                at + "fields.provinceCode=province",
                at + "fields.registeredOn=registered",
                at + "jdbc.url=" + stack.postgres().jdbcUrl(),
                at + "jdbc.user=" + PostgresServer.USER,
                at + "jdbc.password=" + PostgresServer.PASSWORD,
                at + "jdbc.table=" + schema + ".insured",
                at + "jdbc.key-column=code",
                at + "jdbc.tracking-column=updated_at",
                softDeletes ? at + "jdbc.soft-delete-column=deleted" : "",
                at + "jdbc.lag=20s",
                at + "jdbc.reconcile-interval=" + reconcileInterval);
    }

    @Test
    void legacyTableChangesReachKafkaOnceEachAcrossARestartALateCommitAndAPause() throws Exception {
        awaitEvents(legacyDataset, events -> events.size() == 30);

        try (Connection c = legacy(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + schema + ".insured SET amount = amount + 1000, updated_at = clock_timestamp() "
                    + "WHERE code IN ('L-1', 'L-2', 'L-3')");
            s.executeUpdate("UPDATE " + schema + ".insured SET deleted = true, updated_at = clock_timestamp() "
                    + "WHERE code IN ('L-6', 'L-7')");
            s.executeUpdate("DELETE FROM " + schema + ".insured WHERE code = 'L-8'");
            for (int n = 31; n <= 35; n++) {
                insert(s, n, "clock_timestamp()");
            }
        }
        awaitEvents(legacyDataset, events -> has(events, "L-35") && deleted(events, "L-8") && deleted(events, "L-7"));

        // A transaction stamps its row, then commits after a later one has been published.
        try (Connection late = legacy(); Connection other = legacy()) {
            late.setAutoCommit(false);
            try (Statement s = late.createStatement()) {
                insert(s, 36, "clock_timestamp()");
            }
            try (Statement s = other.createStatement()) {
                insert(s, 37, "clock_timestamp()");
            }
            awaitEvents(legacyDataset, events -> has(events, "L-37"));
            awaitEvents(windowDataset, events -> has(events, "L-37"));
            late.commit();
        }
        awaitEvents(legacyDataset, events -> has(events, "L-36"));
        awaitEvents(windowDataset, events -> has(events, "L-36"));

        String snapshotBefore = snapshotAt("legacy-insured-window");
        connectors.kill();
        try (Connection c = legacy(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + schema + ".insured SET amount = 7, updated_at = clock_timestamp() WHERE code = 'L-10'");
            insert(s, 38, "clock_timestamp()");
        }
        connectors.start();
        awaitEvents(legacyDataset, events -> has(events, "L-38") && versions(events, "L-10") == 2);
        // The connector never reconciled in the test resumed from its stored offset: no new snapshot read the table,
        // its sweep from the offset found both changes made while it was down.
        awaitEvents(windowDataset, events -> has(events, "L-38") && versions(events, "L-10") == 2);
        assertEquals(snapshotBefore, snapshotAt("legacy-insured-window"), "the window connector's last snapshot");

        Instant paused = Instant.now();
        Api.as("ldx-admin").post("/v1/admin/connectors/legacy-insured/pause").then().statusCode(200)
                .body("paused", equalTo(true));
        JsonPath seenPaused = awaitState("legacy-insured", state -> "paused".equals(state.getString("status"))
                && Instant.parse(state.getString("heartbeatAt")).isAfter(paused));
        try (Connection c = legacy(); Statement s = c.createStatement()) {
            insert(s, 39, "clock_timestamp()");
        }
        JsonPath twoRoundsLater = awaitState("legacy-insured", state -> Instant.parse(state.getString("heartbeatAt"))
                .isAfter(Instant.parse(seenPaused.getString("heartbeatAt")).plusMillis(500)));
        assertEquals(seenPaused.getLong("rowsRead"), twoRoundsLater.getLong("rowsRead"), "a paused connector reads nothing");
        Api.as("ldx-admin").post("/v1/admin/connectors/legacy-insured/resume").then().statusCode(200);
        awaitEvents(legacyDataset, events -> has(events, "L-39"));

        // A row stamped a year ahead (a clock gone wrong) is published, and does not make later rows invisible.
        try (Connection c = legacy(); Statement s = c.createStatement()) {
            insert(s, 40, "clock_timestamp() + interval '365 days'");
        }
        awaitEvents(windowDataset, events -> has(events, "L-40"));
        try (Connection c = legacy(); Statement s = c.createStatement()) {
            insert(s, 41, "clock_timestamp()");
        }
        awaitEvents(windowDataset, events -> has(events, "L-41"));

        Map<String, List<String>> history = history(TopicReader.settled(legacyDataset, WAIT));
        Map<String, List<String>> expected = new TreeMap<>();
        for (int n = 1; n <= 41; n++) {
            expected.put("L-" + n, new ArrayList<>(List.of("upsert " + n)));
        }
        for (int n : new int[] {1, 2, 3}) {
            expected.get("L-" + n).add("upsert " + (n + 1000));
        }
        for (int n : new int[] {6, 7, 8}) {
            expected.get("L-" + n).add("delete");
        }
        expected.get("L-10").add("upsert 7");
        assertEquals(expected, history, "every change once, in order, nothing else");

        JsonPath state = Api.as("ldx-admin").get("/v1/admin/connectors/legacy-insured").then().statusCode(200)
                .body("kind", equalTo("jdbc")).body("datasetId", equalTo(legacyDataset.id()))
                .body("status", equalTo("running")).body("rowsRejected", equalTo(0)).extract().jsonPath();
        assertTrue(state.getString("offset").contains("tracking"), state.getString("offset"));
        assertTrue(state.getLong("rowsChanged") >= 48, "41 rows, 4 updates, 3 deletes: " + state.getLong("rowsChanged"));
    }

    /** When the connector last read its whole table, as its stored offset says. */
    private static String snapshotAt(String connector) throws Exception {
        String offset = Api.as("ldx-admin").get("/v1/admin/connectors/" + connector).then().statusCode(200)
                .extract().jsonPath().getString("offset");
        String at = JSON.readTree(offset).path("snapshotAt").asText(null);
        assertNotNull(at, "a snapshot in " + offset);
        return at;
    }

    @Test
    void anInsertOnlyTableReadByIdMissesNoRowCommittedLateWithAnEarlierId() throws Exception {
        awaitEvents(permitsDataset, events -> events.size() == 10);

        try (Connection late = legacy(); Connection other = legacy()) {
            late.setAutoCommit(false);
            try (Statement s = late.createStatement()) {
                permit(s);
            }
            try (Statement s = other.createStatement()) {
                permit(s);
                permit(s);
            }
            awaitEvents(permitsDataset, events -> has(events, "P-13"));
            late.commit();
        }
        awaitEvents(permitsDataset, events -> has(events, "P-11"));

        Map<String, List<String>> history = history(TopicReader.settled(permitsDataset, WAIT));
        Map<String, List<String>> expected = new TreeMap<>();
        for (int n = 1; n <= 13; n++) {
            expected.put("P-" + n, List.of("upsert " + n));
        }
        assertEquals(expected, history);
        // Read up to its latest id, the connector says it lags by nothing, in its state and its metric alike.
        awaitState("legacy-permits", state -> state.get("lagSeconds") != null && state.getDouble("lagSeconds") == 0);
        String metrics = io.restassured.RestAssured.given().baseUri(connectors.baseUrl()).get("/q/metrics").asString();
        List<String> permitLines = metrics.lines().filter(l -> l.startsWith("ldx_connector_"))
                .filter(l -> l.contains("legacy-permits")).toList();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("ldx_connector_lag_seconds{connector=\"legacy-permits\"")
                && l.endsWith(" 0.0")), metrics);
        // Counters count what this process did since it started (another test restarts it); the table keeps totals.
        for (String outcome : List.of("read", "accepted", "rejected", "changed")) {
            assertTrue(permitLines.stream().anyMatch(l -> l.startsWith("ldx_connector_rows_total{connector=\"legacy-permits\","
                    + "outcome=\"" + outcome + "\"")), outcome + " in " + permitLines);
        }
        Api.as("ldx-admin").get("/v1/admin/connectors/legacy-permits").then().statusCode(200)
                .body("rowsChanged", equalTo(13)).body("rowsRejected", equalTo(0));
        assertTrue(Api.as("ldx-admin").get("/v1/admin/connectors").then().statusCode(200).extract().jsonPath()
                .getList("name", String.class).containsAll(List.of("legacy-insured", "legacy-insured-window",
                        "legacy-permits", "drop-delta", "drop-snapshot")));

        // A reset reads the whole source again (a snapshot after the reset) and publishes nothing that did not change.
        Instant reset = Instant.now();
        Api.as("ldx-admin").post("/v1/admin/connectors/legacy-permits/reset").then().statusCode(200);
        JsonPath again = awaitState("legacy-permits", state -> state.getString("offset") != null
                && Instant.parse(read(state.getString("offset")).path("snapshotAt").asText("1970-01-01T00:00:00Z"))
                        .isAfter(reset));
        assertEquals(14, again.getLong("rowsChanged"), "no permit changed: only the test's marker record, written "
                + "through the API and not in the source, was deleted");
        assertTrue(again.getLong("rowsRead") >= 26, "every row read once more: " + again.getLong("rowsRead"));
        Map<String, List<String>> permits = new TreeMap<>(history(TopicReader.settled(permitsDataset, WAIT)));
        permits.keySet().removeIf(key -> !key.startsWith("P-"));
        assertEquals(expected, permits, "nothing republished");
    }

    @Test
    void csvInBothThaiEncodingsAndAWorkbookBecomeRecordsAndTheirBadRowsBecomeRejects() throws Exception {
        String f1 = nationalId(1);
        String f2 = nationalId(2);
        String badCheckDigit = nationalId(3).substring(0, 12) + ((nationalId(3).charAt(12) - '0' + 1) % 10);
        drop(deltaDrop, "01-sso-branch.csv", ("\uFEFFรหัส,เลขประจำตัวประชาชน,ชื่อ - สกุล,จำนวนเงิน,จังหวัด,วันที่ขึ้นทะเบียน,action\n"
                + "F-1," + thaiDigits(f1) + ",สมชาย ใจดี,\"1,234\",๑๐,19/02/2563,\n"
                + "F-2," + f2 + ",สมหญิง รักไทย,500,50,1 ม.ค. 2564,\n"
                + "F-3," + badCheckDigit + ",มานะ ขยัน,100,10,2020-05-01,\n"
                + "F-4," + nationalId(4) + ",ปิติ ยินดี,100,10,31/02/2563,\n"
                + "F-5," + nationalId(5) + ",ชูใจ เลิศล้ำ,abc,10,01/03/2563,\n"
                + ",,,,,,\n\n").getBytes(StandardCharsets.UTF_8));
        awaitProcessed(deltaDrop, "01-sso-branch.csv");

        byte[] tis620 = ("code;national id;full name;amount;province;registered;action\n"
                + "F-6;" + nationalId(6) + ";วิชัย สุขใจ;2,000;90;15/08/2562;\n"
                + "F-1;" + f1 + ";;0;;;ลบ\n").getBytes(WINDOWS_874);
        assertThrows(CharacterCodingException.class, () -> StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(tis620)), "really not UTF-8");
        drop(deltaDrop, "02-doe-office.csv", tis620);
        awaitProcessed(deltaDrop, "02-doe-office.csv");

        drop(deltaDrop, "03-workbook.xlsx", workbook());
        awaitProcessed(deltaDrop, "03-workbook.xlsx");

        deltaDataset.grant("agency-nso", false);
        Map<String, Map<String, Object>> records = new TreeMap<>();
        Api.reading("agency-nso").queryParam("limit", 100).get(deltaDataset.recordsPath()).then().statusCode(200)
                .extract().jsonPath().getList("items", Map.class)
                .forEach(item -> records.put((String) item.get("key"), (Map<String, Object>) item.get("data")));
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        expected.put("F-2", record("F-2", f2, "สมหญิง รักไทย", 500, "50", "2021-01-01"));
        expected.put("F-6", record("F-6", nationalId(6), "วิชัย สุขใจ", 2000, "90", "2019-08-15"));
        expected.put("F-7", record("F-7", nationalId(7), "อรุณ แสงทอง", 750, "90", "2021-03-15"));
        assertEquals(expected, records, "F-1 came in with Thai digits, 1,234 and a Buddhist-Era date, and was deleted by the second file");

        assertEquals(List.of("row,column,reason",
                "4,เลขประจำตัวประชาชน,\"is not a Thai national ID (13 digits, the last a valid check digit)\"",
                "5,วันที่ขึ้นทะเบียน,'31/02/2563' is not a date that exists",
                "6,จำนวนเงิน,'abc' is not a whole number"), rejects(deltaDrop, "01-sso-branch.csv"));
        assertEquals(List.of("row,column,reason", "3,จังหวัด,is not one of the 77 province codes"),
                rejects(deltaDrop, "03-workbook.xlsx"));
        assertTrue(rejectsFile(deltaDrop, "02-doe-office.csv").isEmpty());
        Api.as("ldx-admin").get("/v1/admin/connectors/drop-delta/rejects").then().statusCode(200)
                .body("size()", equalTo(4)).body("[0].origin", equalTo("3")).body("[0].field", equalTo("provinceCode"));
    }

    @Test
    void aSnapshotFileDeletesTheRecordsItNoLongerHoldsAndRepublishesOnlyWhatChanged() throws Exception {
        snapshotDataset.grant("agency-rd", true);
        String agencyTopicName = "ldx.agency.agency-rd." + snapshotDataset.id();
        // The snapshot below deletes the marker this writes; only the S- records are compared.
        TopicReader.following(snapshotDataset, agencyTopicName, WAIT);
        String header = "id,nationalId,name,amount,provinceCode,registeredOn\n";
        StringBuilder first = new StringBuilder(header);
        for (int n = 1; n <= 5; n++) {
            first.append("S-").append(n).append(',').append(nationalId(n)).append(",Name ").append(n).append(',')
                    .append(n).append(",10,2024-01-0").append(n).append('\n');
        }
        drop(snapshotDrop, "day-1.csv", first.toString().getBytes(StandardCharsets.UTF_8));
        awaitProcessed(snapshotDrop, "day-1.csv");
        String second = first.toString().replace("S-2," + nationalId(2) + ",Name 2,2,", "S-2," + nationalId(2) + ",Name 2,22,")
                .replaceAll("S-5,.*\n", "");
        drop(snapshotDrop, "day-2.csv", second.getBytes(StandardCharsets.UTF_8));
        awaitProcessed(snapshotDrop, "day-2.csv");

        Map<String, List<String>> history = history(TopicReader.settled(snapshotDataset, WAIT).stream()
                .filter(m -> m.key().startsWith("S-")).toList());

        assertEquals(Map.of("S-1", List.of("upsert 1"), "S-2", List.of("upsert 2", "upsert 22"),
                "S-3", List.of("upsert 3"), "S-4", List.of("upsert 4"), "S-5", List.of("upsert 5", "delete")), history);
        // The agency's topic, written by the relay in the same transactions, carries them under its grant.
        List<ConsumerRecord<String, String>> agencyTopic = TopicReader.everything(agencyTopicName).stream()
                .filter(m -> m.key().startsWith("S-")).toList();
        assertEquals(history, history(agencyTopic));
        for (ConsumerRecord<String, String> event : agencyTopic) {
            JsonNode data = event.value() == null ? null : read(event.value()).get("data");
            if (data != null && !data.isNull()) {
                String key = event.key();
                assertTrue(!data.get("nationalId").asText().equals(nationalId(Integer.parseInt(key.substring(2)))),
                        "national IDs pseudonymised: " + data);
            }
        }
    }

    private static byte[] workbook() throws IOException {
        // Shared strings, as Excel itself writes a workbook (SXSSF's default is inline strings).
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 100, false, true);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("ผู้ประกันตน");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("d/m/yyyy"));
            Row head = sheet.createRow(0);
            String[] headers = {"รหัส", "เลขประจำตัวประชาชน", "ชื่อ - สกุล", "จำนวนเงิน", "จังหวัด", "วันที่ขึ้นทะเบียน"};
            for (int i = 0; i < headers.length; i++) {
                head.createCell(i).setCellValue(headers[i]);
            }
            Row good = sheet.createRow(1);
            good.createCell(0).setCellValue("F-7");
            good.createCell(1).setCellValue(nationalId(7));
            good.createCell(2).setCellValue("อรุณ แสงทอง");
            good.createCell(3).setCellValue(750);
            good.createCell(4).setCellValue("90");
            good.createCell(5).setCellValue(LocalDate.of(2021, 3, 15));
            good.getCell(5).setCellStyle(date);
            Row bad = sheet.createRow(2);
            bad.createCell(0).setCellValue("F-8");
            bad.createCell(1).setCellValue(nationalId(8));
            bad.createCell(3).setCellValue(10);
            bad.createCell(4).setCellValue("99");
            for (int r = 3; r < 6; r++) {
                sheet.createRow(r).createCell(0).setCellValue("");
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static Map<String, Object> record(String id, String nationalId, String name, int amount, String province,
            String registeredOn) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", id);
        record.put("nationalId", nationalId);
        record.put("name", name);
        record.put("amount", amount);
        record.put("provinceCode", province);
        record.put("registeredOn", registeredOn);
        return record;
    }

    private static String nationalId(int n) {
        return ThaiNationalId.withCheckDigit(String.format("1%011d", 20_000_000L + n)).digits();
    }

    private static String thaiDigits(String digits) {
        StringBuilder thai = new StringBuilder();
        digits.chars().forEach(c -> thai.append((char) ('\u0E50' + c - '0')));
        return thai.toString();
    }

    /** Drops a file as a department should: written aside, then renamed into the directory. */
    private static void drop(Path directory, String name, byte[] content) throws IOException {
        Path part = directory.resolve("." + name + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            out.write(content);
        }
        Files.move(part, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until the connector has moved the file to processed/, which it does after publishing it. */
    private static void awaitProcessed(Path directory, String name) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Path processed = directory.resolve("processed");
            if (!Files.isDirectory(processed)) {
                return false;
            }
            try (Stream<Path> files = Files.list(processed)) {
                return files.anyMatch(f -> f.getFileName().toString().endsWith("-" + name));
            }
        });
    }

    private static List<String> rejects(Path directory, String name) throws IOException {
        String text = Files.readString(rejectsFile(directory, name).orElseThrow(), StandardCharsets.UTF_8);
        return text.replace("\uFEFF", "").lines().toList();
    }

    /** The rejects file of a dropped file: rejects/{@code <time>-<name>}.rejects.csv. */
    private static java.util.Optional<Path> rejectsFile(Path directory, String name) throws IOException {
        Path rejects = directory.resolve("rejects");
        if (!Files.isDirectory(rejects)) {
            return java.util.Optional.empty();
        }
        try (Stream<Path> files = Files.list(rejects)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-" + name + ".rejects.csv")).findFirst();
        }
    }

    private static JsonPath awaitState(String connector, Predicate<JsonPath> condition) {
        return Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> Api.as("ldx-admin").get("/v1/admin/connectors/" + connector).then().statusCode(200)
                        .extract().jsonPath(), condition::test);
    }

    private static void awaitEvents(TestDataset dataset, Predicate<List<ConsumerRecord<String, String>>> condition) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> TopicReader.everything(dataset.topic()).stream().filter(m -> m.value() != null).toList(),
                        condition::test);
    }

    private static boolean has(List<ConsumerRecord<String, String>> events, String key) {
        return events.stream().anyMatch(e -> e.key().equals(key));
    }

    private static boolean deleted(List<ConsumerRecord<String, String>> events, String key) {
        return history(events).getOrDefault(key, List.of()).contains("delete");
    }

    private static int versions(List<ConsumerRecord<String, String>> events, String key) {
        return history(events).getOrDefault(key, List.of()).size();
    }

    /** Each record's events in order: "upsert <amount>" or "delete" (tombstones left out). */
    private static Map<String, List<String>> history(List<ConsumerRecord<String, String>> events) {
        Map<String, List<String>> history = new TreeMap<>();
        for (ConsumerRecord<String, String> event : events) {
            if (event.value() == null) {
                continue;
            }
            JsonNode body = read(event.value());
            String entry = body.get("type").asText().endsWith("deleted") ? "delete"
                    : "upsert " + body.get("data").get("amount").asInt();
            history.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(entry);
        }
        return history;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Connection legacy() throws SQLException {
        return DriverManager.getConnection(LdxStack.stack().postgres().jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD);
    }

    /** A permit whose amount is its id, the id taken from the sequence when the row is inserted. */
    private static void permit(Statement s) throws SQLException {
        s.executeUpdate("INSERT INTO " + schema + ".permits (id, national_id, amount) SELECT id, '"
                + TestDataset.record("P", 1).get("nationalId") + "', id FROM nextval(pg_get_serial_sequence('" + schema
                + ".permits', 'id')) AS id");
    }

    private static void insert(Statement s, int n, String updatedAt) throws SQLException {
        Map<String, Object> r = TestDataset.record("L-" + n, n);
        s.executeUpdate("INSERT INTO " + schema + ".insured (code, national_id, full_name, amount, province, registered, "
                + "updated_at) VALUES ('L-" + n + "', '" + r.get("nationalId") + "', '" + r.get("name") + "', " + n + ", '"
                + r.get("provinceCode") + "', '" + r.get("registeredOn") + "', " + updatedAt + ")");
    }
}
