package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;

/**
 * The audit trail against the real gateway and PostgreSQL: every access is an entry with who, what, why and how
 * much, each party reads its own part, and a row changed behind LDX's back is named by the verification.
 */
@ExtendWith(LdxStack.class)
class AuditTest {

    @Test
    void aReadIsAuditedWithWhoWhatWhyAndHowMuchWithinTheAccessWindow() {
        TestDataset dataset = TestDataset.create();
        for (int n = 1; n <= 3; n++) {
            dataset.put("A-" + n, TestDataset.record("A-" + n, n));
        }
        String grantId = dataset.grant("agency-nso", true).grantOf("agency-nso");
        String trace = String.format("4bf92f3577b34da6a3ce9%011x", System.nanoTime() & 0xfff_ffff_ffffL);

        Response read = Api.reading("agency-nso").header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .queryParam("limit", 2).get(dataset.recordsPath());
        read.then().statusCode(200).header("LDX-Trace-Id", trace);

        // Within the access window (1 s) after the answer, the entry is in the chain.
        Map<String, Object> audited = find(() -> Api.as("ldx-admin").queryParam("dataset", dataset.id()), trace);
        assertEquals("access", audited.get("kind"));
        assertEquals("records.page", audited.get("action"));
        assertEquals("agency-nso", audited.get("agency"));
        assertEquals("agency-nso.main", audited.get("credential"));
        assertEquals(dataset.id(), audited.get("datasetId"));
        assertEquals(TestDataset.PURPOSE, audited.get("purpose"));
        assertEquals(grantId, audited.get("grantId"));
        assertEquals(2, audited.get("records"));
        assertEquals(200, audited.get("outcome"));
        assertEquals(Map.of("limit", List.of("2")), ((Map<?, ?>) audited.get("detail")).get("query"));
    }

    @Test
    void adminActionsAreAuditedWithTheDatasetTheyConcern() {
        TestDataset dataset = TestDataset.create();
        String grantId = dataset.grant("agency-rd", true).grantOf("agency-rd");

        List<Map<String, Object>> items = entries(Api.as("ldx-admin").queryParam("dataset", dataset.id())
                .queryParam("limit", 1000)).getList("items");
        List<String> actions = items.stream().map(i -> i.get("kind") + " " + i.get("action") + " "
                + i.get("credential") + " " + i.get("outcome")).toList();
        assertEquals(List.of("admin grant.approve ldx-admin.main 200", "admin grant.request agency-rd.main 201",
                "admin dataset.define ldx-admin.main 201"), actions);
        assertTrue(((Map<?, ?>) items.get(0).get("detail")).get("path").toString().contains(grantId));
    }

    @Test
    void aRefusedReadIsAuditedWithItsOutcome() {
        TestDataset dataset = TestDataset.create();
        Response refused = Api.reading("agency-rd").get(dataset.recordsPath());
        refused.then().statusCode(403);
        String trace = refused.header("LDX-Trace-Id");

        Map<String, Object> audited = find(() -> Api.as("ldx-admin").queryParam("dataset", dataset.id()), trace);
        assertEquals(403, audited.get("outcome"));
        assertEquals("agency-rd", audited.get("agency"));
        assertEquals(null, audited.get("records"));
    }

    @Test
    void agenciesReadTheirOwnEntriesAndOwnersTheEntriesOnTheirDatasets() {
        TestDataset dataset = TestDataset.create();
        dataset.put("V-1", TestDataset.record("V-1", 1));
        dataset.grant("agency-nso", true).grant("agency-rd", true);
        String nsoTrace = Api.reading("agency-nso").get(dataset.recordsPath()).then().statusCode(200)
                .extract().header("LDX-Trace-Id");
        String rdTrace = Api.reading("agency-rd").get(dataset.recordsPath()).then().statusCode(200)
                .extract().header("LDX-Trace-Id");

        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> traces(Api.as(TestDataset.OWNER)
                .queryParam("dataset", dataset.id())).containsAll(List.of(nsoTrace, rdTrace)));
        List<String> seenByNso = traces(Api.as("agency-nso").queryParam("dataset", dataset.id()));
        assertTrue(seenByNso.contains(nsoTrace), "an agency reads its own access");
        assertFalse(seenByNso.contains(rdTrace), "an agency never reads another's access");
        List<String> seenByOwner = traces(Api.as(TestDataset.OWNER).queryParam("dataset", dataset.id()));
        assertTrue(seenByOwner.containsAll(List.of(nsoTrace, rdTrace)), "the owner reads every access to its dataset");
        List<String> seenByOtherOwner = traces(Api.as("dept-doe").queryParam("dataset", dataset.id()));
        assertEquals(List.of(), seenByOtherOwner, "another department reads nothing of a dataset it does not own");
    }

    @Test
    void entriesArePagedNewestFirstAndFilteredByTime() {
        TestDataset dataset = TestDataset.create();
        dataset.put("P-1", TestDataset.record("P-1", 1));
        Instant before = Instant.now();
        List<String> reads = new ArrayList<>();
        for (int n = 0; n < 5; n++) {
            reads.add(Api.as(TestDataset.OWNER).get(dataset.recordsPath()).then().statusCode(200).extract()
                    .header("LDX-Trace-Id"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> traces(Api.as(TestDataset.OWNER)
                .queryParam("dataset", dataset.id())).containsAll(reads));
        JsonPath first = entries(Api.as(TestDataset.OWNER).queryParam("dataset", dataset.id()).queryParam("limit", 3)
                .queryParam("from", before.toString()));
        List<Integer> seqs = first.getList("items.seq");
        assertEquals(3, seqs.size());
        assertEquals(seqs.stream().sorted((a, b) -> b - a).toList(), seqs, "newest first");
        JsonPath second = entries(Api.as(TestDataset.OWNER).queryParam("dataset", dataset.id()).queryParam("limit", 3)
                .queryParam("from", before.toString()).queryParam("before", first.getString("next")));
        assertEquals(2, second.getList("items").size(), "the five reads after 'from', and not the write before it");
        assertTrue(second.<Integer>getList("items.seq").stream().allMatch(s -> s < seqs.get(2)));
        Api.as(TestDataset.OWNER).queryParam("from", "yesterday").get("/v1/audit/entries").then().statusCode(400)
                .body("errors[0].pointer", equalTo("from"));
    }

    @Test
    void verificationNamesTheFirstEntryChangedBehindLdxsBack() throws SQLException {
        TestDataset dataset = TestDataset.create();
        dataset.put("T-1", TestDataset.record("T-1", 1));
        String trace = Api.as(TestDataset.OWNER).get(dataset.recordsPath()).then().statusCode(200)
                .extract().header("LDX-Trace-Id");
        long seq = ((Number) find(() -> Api.as("ldx-admin").queryParam("dataset", dataset.id()), trace).get("seq")).longValue();
        Api.as("ldx-admin").get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));

        try (Connection db = DriverManager.getConnection(LdxStack.stack().postgres().jdbcUrl(), "ldx", "ldx")) {
            int records = records(db, seq);
            update(db, seq, records + 1);
            try {
                JsonPath verification = Api.as("ldx-admin").get("/v1/audit/verify").then().statusCode(200)
                        .extract().jsonPath();
                assertEquals(false, verification.getBoolean("intact"));
                assertEquals(seq, verification.getLong("firstBroken.seq"));
                assertEquals("its content does not match its hash", verification.getString("firstBroken.reason"));
            } finally {
                update(db, seq, records);
            }
        }
        Api.as("ldx-admin").get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void theHeadOfTheChainIsCheckpointedOffSiteAndVerifiedAgainstIt() {
        TestDataset dataset = TestDataset.create();
        String trace = Api.as(TestDataset.OWNER).get(dataset.recordsPath()).then().statusCode(200)
                .extract().header("LDX-Trace-Id");
        long seq = ((Number) find(() -> Api.as("ldx-admin").queryParam("dataset", dataset.id()), trace).get("seq")).longValue();

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath verification = Api.as("ldx-admin").get("/v1/audit/verify").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(true, verification.getBoolean("intact"));
            assertNotNull(verification.get("checkpoint"), "a checkpoint was published");
            assertTrue(verification.getLong("checkpoint.seq") >= seq, "the checkpoint covers the read");
        });
    }

    /**
     * What a crash may lose is bounded, shown by taking the durability away: while the chain's head is locked (as a
     * database that stalls would), reads are answered only until the oldest entry not yet written is older than the
     * access window, then refused with a 503 and no data; an admin action, which waits for its entry, is refused once
     * the write timeout passes. Once the lock goes, every read that was answered is in the chain.
     */
    @Test
    void whileTheChainCannotBeWrittenReadsAreRefusedWithinTheWindowAndNoAnsweredReadIsLost() throws SQLException {
        TestDataset dataset = TestDataset.create();
        dataset.put("S-1", TestDataset.record("S-1", 1));
        List<String> answered = new ArrayList<>();
        Response refused;
        try (Connection db = DriverManager.getConnection(LdxStack.stack().postgres().jdbcUrl(), "ldx", "ldx")) {
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement("SELECT seq FROM audit_head FOR UPDATE")) {
                lock.executeQuery().close();
            }
            try {
                long locked = System.nanoTime();
                Response stalledRead = null;
                while (stalledRead == null && System.nanoTime() - locked < Duration.ofSeconds(5).toNanos()) {
                    Response read = Api.as(TestDataset.OWNER).get(dataset.recordsPath());
                    if (read.statusCode() == 200) {
                        answered.add(read.header("LDX-Trace-Id"));
                    } else {
                        stalledRead = read;
                    }
                }
                refused = stalledRead;
                assertNotNull(refused, "reads were still answered 5 s into the stall");
                assertFalse(answered.isEmpty(), "the reads within the window are answered");
                assertTrue(System.nanoTime() - locked < Duration.ofSeconds(3).toNanos(),
                        "the first refusal came later than the 1 s window allows");
                assertEquals(503, refused.statusCode(), refused.asString());
                assertEquals("https://ldx.mol.go.th/problems/audit-unavailable", refused.jsonPath().getString("type"));
                assertFalse(refused.asString().contains("S-1"), "no record left with the refusal");
                Response admin = Api.as("ldx-admin").queryParam("dataset", dataset.id()).get("/v1/audit/entries");
                assertEquals(503, admin.statusCode(), "an admin action waits for its entry: " + admin.asString());
            } finally {
                db.rollback();
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                Api.as(TestDataset.OWNER).get(dataset.recordsPath()).then().statusCode(200));
        String refusedTrace = refused.header("LDX-Trace-Id");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> traces(Api.as("ldx-admin")
                .queryParam("dataset", dataset.id())).containsAll(answered));
        List<Map<String, Object>> entries = entries(Api.as("ldx-admin").queryParam("dataset", dataset.id())
                .queryParam("limit", 1000)).getList("items");
        List<Object> traces = entries.stream().map(e -> e.get("traceId")).toList();
        assertEquals(traces.size(), new HashSet<>(traces).size(), "no entry is written twice");
        assertTrue(entries.stream().anyMatch(e -> refusedTrace != null && refusedTrace.equals(e.get("traceId"))
                && Integer.valueOf(503).equals(e.get("outcome"))), "the refused read is recorded as refused");
        Api.as("ldx-admin").get("/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void onlyAdministratorsVerifyTheChain() {
        Api.as("agency-nso").get("/v1/audit/verify").then().statusCode(403);
        Api.as(TestDataset.OWNER).get("/v1/audit/verify").then().statusCode(403);
    }

    private static JsonPath entries(RequestSpecification request) {
        return request.get("/v1/audit/entries").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> traces(RequestSpecification request) {
        return entries(request.queryParam("limit", 1000)).getList("items.traceId");
    }

    /** The entry of a request, once it is in the chain (within the access window after the answer). */
    private static Map<String, Object> find(Supplier<RequestSpecification> request, String trace) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            List<Map<String, Object>> items = entries(request.get().queryParam("limit", 1000)).getList("items");
            Optional<Map<String, Object>> found = items.stream().filter(i -> trace.equals(i.get("traceId"))).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no audit entry with trace id " + trace + " after 5 s: " + items);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private static int records(Connection db, long seq) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT records FROM audit_entry WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return rs.getInt(1);
            }
        }
    }

    private static void update(Connection db, long seq, int records) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE audit_entry SET records = ? WHERE seq = ?")) {
            ps.setInt(1, records);
            ps.setLong(2, seq);
            assertEquals(1, ps.executeUpdate());
        }
    }
}
