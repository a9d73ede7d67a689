package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;

/**
 * Statistics through the grant, under disclosure control: small cells and the cells that would give them away
 * are shown without figures to partners, in one-way and two-way tables; the owner sees every figure; the grant's
 * rows and fields bound what is counted; bad parameters name themselves.
 */
@ExtendWith(LdxStack.class)
class StatsTest {

    private static final String A = "2024-01-01";
    private static final String B = "2024-06-01";

    @Test
    void aOneWayTableHidesItsSmallCellAndTheNextSmallestFromPartnersButNotFromTheOwner() {
        TestDataset dataset = TestDataset.create();
        // Bangkok 12, Samut Prakan 3 (small), Chiang Mai 8, Songkhla 20; amount = n.
        load(dataset, cells(List.of("10", A), 12, List.of("11", A), 3, List.of("50", A), 8, List.of("90", A), 20));
        dataset.grant("agency-rd", Map.of("fields", List.of("provinceCode", "amount")));
        String stats = "/v1/datasets/" + dataset.id() + "/stats?groupBy=provinceCode&measures=amount";

        JsonPath partner = Api.reading("agency-rd").get(stats).then().statusCode(200).extract().jsonPath();
        assertEquals(5, partner.getInt("threshold"));
        assertEquals(List.of("10", "11", "50", "90"), partner.getList("cells.key.provinceCode"));
        assertEquals(List.of(12, 20), partner.getList("cells.count").stream().filter(c -> c != null).toList());
        assertEquals(Arrays.asList(null, "primary", "complementary", null), partner.getList("cells.suppressed"));
        assertEquals(43, partner.getInt("total.count"));
        assertEquals(sum(0, 43), partner.getInt("total.sums.amount"));
        assertEquals(sum(0, 12), partner.getInt("cells[0].sums.amount"));
        assertFalse(partner.getMap("cells[1]").containsKey("sums"), "a suppressed cell shows no sum either");

        JsonPath owner = Api.as(TestDataset.OWNER).get(stats).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(12, 3, 8, 20), owner.getList("cells.count"));
        assertFalse(owner.getMap("$").containsKey("threshold"));

        // Two more records in Samut Prakan: the same question is a new table, with nothing left to hide.
        for (String key : List.of("S-100", "S-101")) {
            Map<String, Object> record = new LinkedHashMap<>(TestDataset.record(key, 1));
            record.put("registeredOn", A);
            dataset.put(key, record);
        }
        JsonPath after = Api.reading("agency-rd").get(stats).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(12, 5, 8, 20), after.getList("cells.count"));
        assertEquals(Arrays.asList(null, null, null, null), after.getList("cells.suppressed"));
    }

    @Test
    void aTwoWayTableHidesTheSmallCellInItsRowAndColumnAndTheCellThatClosesThem() {
        TestDataset dataset = TestDataset.create();
        load(dataset, cells(List.of("10", A), 40, List.of("10", B), 2, List.of("11", A), 30, List.of("11", B), 25,
                List.of("50", A), 12, List.of("50", B), 16));
        dataset.grant("agency-rd", Map.of("fields", List.of("provinceCode", "registeredOn")));

        JsonPath table = Api.reading("agency-rd").get("/v1/datasets/" + dataset.id()
                + "/stats?groupBy=provinceCode,registeredOn").then().statusCode(200).extract().jsonPath();

        assertEquals(List.of("10", "10", "11", "11", "50", "50"), table.getList("cells.key.provinceCode"));
        assertEquals(Arrays.asList("complementary", "primary", null, null, "complementary", "complementary"),
                table.getList("cells.suppressed"));
        assertEquals(List.of(30, 25), table.getList("cells.count").stream().filter(c -> c != null).toList());
    }

    @Test
    void theGrantsRowsAndFieldsBoundWhatIsCountedAndBadParametersNameThemselves() {
        TestDataset dataset = TestDataset.create();
        load(dataset, cells(List.of("10", A), 6, List.of("50", A), 7));
        dataset.grant("agency-rd", Map.of("fields", List.of("provinceCode", "amount"),
                "rows", Map.of("provinceCode", Map.of("in", List.of("10")))));
        String stats = "/v1/datasets/" + dataset.id() + "/stats";

        Api.reading("agency-rd").get(stats + "?groupBy=provinceCode").then().statusCode(200)
                .body("cells.key.provinceCode", equalTo(List.of("10"))).body("total.count", equalTo(6));
        Api.reading("agency-rd").get(stats + "?groupBy=registeredOn").then().statusCode(400)
                .body("type", equalTo("https://ldx.mol.go.th/problems/field-not-granted"))
                .body("errors.pointer", equalTo(List.of("groupBy")));
        Api.reading("agency-rd").get(stats + "?groupBy=name").then().statusCode(400)
                .body("type", equalTo("https://ldx.mol.go.th/problems/invalid-parameter"))
                .body("errors.pointer", hasItem("groupBy"));
        Api.reading("agency-rd").get(stats + "?groupBy=provinceCode,provinceCode").then().statusCode(400)
                .body("errors.pointer", hasItem("groupBy"));
        Api.reading("agency-rd").get(stats).then().statusCode(400).body("errors.pointer", hasItem("groupBy"));
        Api.reading("agency-rd").get(stats + "?groupBy=provinceCode&measures=nationalId").then().statusCode(400)
                .body("errors.pointer", hasItem("measures"));
        // A declared measure that the grant does not show is not summed for it: 400, not its sum.
        dataset.grant("agency-dopa", Map.of("fields", List.of("provinceCode")));
        Api.reading("agency-dopa").get(stats + "?groupBy=provinceCode").then().statusCode(200)
                .body("total.count", equalTo(13));
        Api.reading("agency-dopa").get(stats + "?groupBy=provinceCode&measures=amount").then().statusCode(400)
                .body("type", equalTo("https://ldx.mol.go.th/problems/field-not-granted"))
                .body("errors.pointer", equalTo(List.of("measures")));
        Api.reading("agency-nso").get(stats + "?groupBy=provinceCode").then().statusCode(403);
    }

    @Test
    void theTableFollowsEveryKindOfWriteAndANewDeclaration() {
        TestDataset dataset = TestDataset.create();
        Map<String, Map<String, Object>> stored = loadAndGrant(dataset, "T-", 60, n -> n % 3 == 0 ? B : A);
        assertTablesMatch(dataset, stored, "provinceCode,registeredOn");

        // Records move between cells, change their measure, stay as they are, go, and come.
        for (int n = 0; n < 10; n++) {
            Map<String, Object> moved = new LinkedHashMap<>(stored.get("T-" + n));
            moved.put("provinceCode", "90");
            moved.put("amount", 1_000 + n);
            dataset.put("T-" + n, moved);
            stored.put("T-" + n, moved);
        }
        dataset.put("T-20", stored.get("T-20"));
        for (int n = 30; n < 35; n++) {
            dataset.delete("T-" + n);
            stored.remove("T-" + n);
        }
        List<Map<String, Object>> mixed = new ArrayList<>();
        for (int n = 35; n < 40; n++) {
            mixed.add(Map.of("operation", "delete", "key", "T-" + n));
            stored.remove("T-" + n);
        }
        for (int n = 60; n < 70; n++) {
            Map<String, Object> record = new LinkedHashMap<>(TestDataset.record("T-" + n, n));
            record.put("registeredOn", B);
            record.remove("provinceCode");
            mixed.add(Map.of("operation", "upsert", "data", record));
            stored.put("T-" + n, record);
        }
        dataset.batch(mixed).then().statusCode(200);
        assertTablesMatch(dataset, stored, "provinceCode,registeredOn");

        // Declared anew: counted anew from the records, and kept from there.
        Map<String, Object> definition = new LinkedHashMap<>(TestDataset.definition());
        definition.put("statistics", Map.of("dimensions", List.of("registeredOn", "provinceCode"),
                "measures", List.of("amount")));
        Api.as("ldx-admin").contentType("application/json").body(definition)
                .put("/v1/admin/datasets/" + dataset.id()).then().statusCode(200);
        // Asked the other way round, the table is not one answered before.
        assertTablesMatch(dataset, stored, "registeredOn,provinceCode");
        dataset.delete("T-40");
        stored.remove("T-40");
        assertTablesMatch(dataset, stored, "provinceCode,registeredOn");
    }

    @Test
    void theCellsFollowTheChangeLogWithoutAReadAndAReadCountsWhatTheyHaveNotYet() throws Exception {
        TestDataset dataset = TestDataset.create();
        Map<String, Map<String, Object>> stored = loadAndGrant(dataset, "F-", 30, n -> n % 2 == 0 ? A : B);
        String url = LdxStack.stack().postgres().jdbcUrl();
        try (Connection db = DriverManager.getConnection(url, "ldx", "ldx");
                Connection holder = DriverManager.getConnection(url, "ldx", "ldx");
                Connection writer = DriverManager.getConnection(url, "ldx", "ldx")) {
            // No statistics read yet: the gateways' follower counts the batch into the cells on its own.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (cellsPosition(db, dataset) < head(db, dataset)) {
                assertTrue(System.nanoTime() < deadline, "the cells follow the change log within 10 s");
                Thread.sleep(50);
            }

            // The cells held still (their position locked, as a gateway at work on them holds it): a read counts
            // the changes after them itself, and so waits for the lock rather than answer from the cells as they are.
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT seq FROM record_stats_position WHERE dataset_id = ? FOR UPDATE")) {
                lock.setString(1, dataset.id());
                lock.executeQuery().close();
            }
            for (int n = 0; n < 5; n++) {
                Map<String, Object> moved = new LinkedHashMap<>(stored.get("F-" + n));
                moved.put("provinceCode", "90");
                dataset.put("F-" + n, moved);
                stored.put("F-" + n, moved);
            }
            dataset.delete("F-10");
            stored.remove("F-10");
            CompletableFuture<Void> read = CompletableFuture.runAsync(
                    () -> assertTablesMatch(dataset, stored, "provinceCode,registeredOn"));
            while (!waitsForTheCells(db)) {
                assertFalse(read.isDone(), "a read answered while the cells lagged 6 changes behind");
                Thread.sleep(20);
            }
            // A writer of the dataset holds its row (as a batch does for its whole transaction) when the cells are
            // free again: counting the moves into a new cell (province 90 on date A) must not wait for that writer.
            writer.setAutoCommit(false);
            try (PreparedStatement lock = writer.prepareStatement("SELECT 1 FROM dataset WHERE id = ? FOR UPDATE")) {
                lock.setString(1, dataset.id());
                lock.executeQuery().close();
            }
            holder.rollback();
            read.get(20, TimeUnit.SECONDS);
            writer.rollback();
        }
    }

    private static long cellsPosition(Connection db, TestDataset dataset) throws SQLException {
        return longOf(db, "SELECT seq FROM record_stats_position WHERE dataset_id = ?", dataset.id());
    }

    private static long head(Connection db, TestDataset dataset) throws SQLException {
        return longOf(db, "SELECT change_seq FROM dataset WHERE id = ?", dataset.id());
    }

    /** Whether a gateway's session waits on a lock in the cells' catch-up (ours is the only other holder). */
    private static boolean waitsForTheCells(Connection db) throws SQLException {
        return longOf(db, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query LIKE '%record_stats_catch_up%' AND pid <> pg_backend_pid()") > 0;
    }

    private static long longOf(Connection db, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Loads {@code count} records keyed {@code prefix + n}, registered on the date {@code registeredOn} gives n, and
     * grants agency-rd two provinces and agency-nso the records of amount 25 and more (the tables' partners);
     * answers the records as stored.
     */
    private static Map<String, Map<String, Object>> loadAndGrant(TestDataset dataset, String prefix, int count,
            IntFunction<String> registeredOn) {
        Map<String, Map<String, Object>> stored = new LinkedHashMap<>();
        List<Map<String, Object>> changes = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Map<String, Object> record = new LinkedHashMap<>(TestDataset.record(prefix + n, n));
            record.put("registeredOn", registeredOn.apply(n));
            stored.put(prefix + n, record);
            changes.add(Map.of("operation", "upsert", "data", record));
        }
        dataset.batch(changes).then().statusCode(200);
        dataset.grant("agency-rd", Map.of("fields", List.of("provinceCode", "amount"),
                "rows", Map.of("provinceCode", Map.of("in", List.of("10", "50")))));
        dataset.grant("agency-nso", Map.of("fields", List.of("provinceCode", "amount"),
                "rows", Map.of("amount", Map.of("gte", 25))));
        return stored;
    }

    /**
     * The owner's two-way table has every cell of the stored records with its count and sum; each partner's total
     * is that of the records its grant's rows let through (a bound on a dimension, and a bound on a measure).
     */
    private static void assertTablesMatch(TestDataset dataset, Map<String, Map<String, Object>> stored,
            String groupBy) {
        String stats = "/v1/datasets/" + dataset.id() + "/stats?groupBy=" + groupBy + "&measures=amount";
        Map<List<Object>, int[]> expected = new TreeMap<>(Comparator.comparing(Object::toString));
        for (Map<String, Object> record : stored.values()) {
            int[] cell = expected.computeIfAbsent(Arrays.asList(record.get("provinceCode"), record.get("registeredOn")),
                    k -> new int[2]);
            cell[0]++;
            cell[1] += (Integer) record.get("amount");
        }
        JsonPath owner = Api.as(TestDataset.OWNER).get(stats).then().statusCode(200).extract().jsonPath();
        Map<List<Object>, int[]> actual = new TreeMap<>(Comparator.comparing(Object::toString));
        List<Map<String, Object>> cells = owner.getList("cells");
        for (Map<String, Object> cell : cells) {
            @SuppressWarnings("unchecked")
            Map<String, Object> key = (Map<String, Object>) cell.get("key");
            @SuppressWarnings("unchecked")
            Map<String, Object> sums = (Map<String, Object>) cell.get("sums");
            actual.put(Arrays.asList(key.get("provinceCode"), key.get("registeredOn")),
                    new int[] {(Integer) cell.get("count"), ((Number) sums.get("amount")).intValue()});
        }
        assertEquals(expected.keySet(), actual.keySet(), "the cells");
        expected.forEach((key, figures) -> assertEquals(Arrays.toString(figures), Arrays.toString(actual.get(key)),
                "count and sum of " + key));

        String total = "/v1/datasets/" + dataset.id() + "/stats?groupBy=provinceCode&measures=amount";
        List<Map<String, Object>> inTen = stored.values().stream()
                .filter(r -> "10".equals(r.get("provinceCode")) || "50".equals(r.get("provinceCode"))).toList();
        Api.reading("agency-rd").get(total).then().statusCode(200)
                .body("total.count", equalTo(inTen.size())).body("total.sums.amount", equalTo(amounts(inTen)));
        List<Map<String, Object>> large = stored.values().stream().filter(r -> (Integer) r.get("amount") >= 25).toList();
        Api.reading("agency-nso").get(total).then().statusCode(200)
                .body("total.count", equalTo(large.size())).body("total.sums.amount", equalTo(amounts(large)));
    }

    private static int amounts(List<Map<String, Object>> records) {
        return records.stream().mapToInt(r -> (Integer) r.get("amount")).sum();
    }

    /** Loads, per (province, registration date) in the order given, that many records; the n-th has amount n. */
    private static void load(TestDataset dataset, Map<List<String>, Integer> cells) {
        List<Map<String, Object>> changes = new ArrayList<>();
        int n = 0;
        for (Map.Entry<List<String>, Integer> cell : cells.entrySet()) {
            for (int i = 0; i < cell.getValue(); i++, n++) {
                Map<String, Object> record = new LinkedHashMap<>(TestDataset.record("S-" + n, n));
                record.put("provinceCode", cell.getKey().get(0));
                record.put("registeredOn", cell.getKey().get(1));
                changes.add(Map.of("operation", "upsert", "data", record));
            }
        }
        dataset.batch(changes).then().statusCode(200);
    }

    private static Map<List<String>, Integer> cells(Object... pairs) {
        Map<List<String>, Integer> cells = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> key = (List<String>) pairs[i];
            cells.put(key, (Integer) pairs[i + 1]);
        }
        return cells;
    }

    private static int sum(int from, int to) {
        int sum = 0;
        for (int n = from; n < to; n++) {
            sum += n;
        }
        return sum;
    }
}
