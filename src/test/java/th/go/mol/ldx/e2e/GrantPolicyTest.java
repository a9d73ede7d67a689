package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.connector.ViewDigest;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.Pseudonyms;
import th.go.mol.ldx.e2e.support.TestDataset;

/** Each agency reads exactly the projection its grant gives: its fields, its rows, its pseudonyms, its purposes. */
@ExtendWith(LdxStack.class)
class GrantPolicyTest {

    private static final String TYPE = "https://ldx.mol.go.th/problems/";
    private static final int RECORDS = 16;

    @Test
    void twoAgenciesReadExactlyTheirOwnProjectionOnPagesAndByKey() {
        TestDataset dataset = datasetWithRecords();
        dataset.grant("agency-nso", Map.of("fields", List.of("nationalId", "amount", "provinceCode"),
                "rows", Map.of("provinceCode", Map.of("in", List.of("10", "11")))));
        dataset.grant("agency-rd", Map.of("fields", List.of("nationalId", "name", "registeredOn"),
                "rows", Map.of("provinceCode", Map.of("eq", "50"), "amount", Map.of("gte", 5)), "identified", true));

        Map<String, Map<String, Object>> nso = expected(r -> List.of("10", "11").contains(r.get("provinceCode")),
                r -> Map.of("id", r.get("id"), "nationalId", Pseudonyms.of("agency-nso", (String) r.get("nationalId")),
                        "amount", r.get("amount"), "provinceCode", r.get("provinceCode")));
        Map<String, Map<String, Object>> rd = expected(r -> "50".equals(r.get("provinceCode")) && (int) r.get("amount") >= 5,
                r -> Map.of("id", r.get("id"), "nationalId", r.get("nationalId"), "name", r.get("name"),
                        "registeredOn", r.get("registeredOn")));

        assertEquals(nso, readAllPages(dataset, "agency-nso", Map.of()));
        assertEquals(rd, readAllPages(dataset, "agency-rd", Map.of()));
        assertEquals(8, nso.size());
        assertEquals(3, rd.size());
        Map<String, Object> missing = Api.reading("agency-nso").get(dataset.recordsPath() + "/R-99")
                .then().statusCode(404).extract().jsonPath().getMap("");
        for (int n = 1; n <= RECORDS; n++) {
            String key = key(n);
            for (var agency : Map.of("agency-nso", nso, "agency-rd", rd).entrySet()) {
                Response one = Api.reading(agency.getKey()).get(dataset.recordsPath() + "/" + key);
                if (agency.getValue().containsKey(key)) {
                    assertEquals(200, one.statusCode(), key);
                    assertEquals(agency.getValue().get(key), one.jsonPath().getMap("data"), key);
                } else {
                    assertEquals(404, one.statusCode(), agency.getKey() + " must not learn that " + key + " exists");
                    Map<String, Object> outside = one.jsonPath().getMap("");
                    assertEquals(withoutKey(missing, "R-99"), withoutKey(outside, key));
                }
            }
        }
    }

    @Test
    void queryParametersNarrowTheReadWithinTheGrantAndNeverBeyondIt() {
        TestDataset dataset = datasetWithRecords();
        dataset.grant("agency-nso", Map.of("fields", List.of("nationalId", "amount", "provinceCode"),
                "rows", Map.of("provinceCode", Map.of("in", List.of("10", "11")))));

        assertEquals(expected(r -> "10".equals(r.get("provinceCode")), r -> Map.of("id", r.get("id"), "amount", r.get("amount"))),
                readAllPages(dataset, "agency-nso", Map.of("fields", "amount", "filter", "{\"provinceCode\":{\"eq\":\"10\"}}")));
        Api.reading("agency-nso").queryParam("filter", "{\"provinceCode\":{\"eq\":\"50\"}}").get(dataset.recordsPath())
                .then().statusCode(200).body("items", empty());
        Api.reading("agency-nso").queryParam("filter", "{\"amount\":{\"gte\":1000}}").get(dataset.recordsPath())
                .then().statusCode(200).body("items", empty());
        Api.reading("agency-nso").queryParam("after", cursor(key(2))).queryParam("limit", 1000).get(dataset.recordsPath())
                .then().statusCode(200).body("items.data.provinceCode", everyItem(org.hamcrest.Matchers.oneOf("10", "11")))
                .body("items", hasSize(7));

        // A field outside the grant is a bad parameter, named where it was asked for: 400, never data about it.
        Api.reading("agency-nso").queryParam("fields", "amount,name").get(dataset.recordsPath())
                .then().statusCode(400).body("type", equalTo(TYPE + "field-not-granted"))
                .body("errors.pointer", equalTo(List.of("fields")));
        Api.reading("agency-nso").queryParam("filter", "{\"name\":{\"eq\":\"Somchai 2\"}}").get(dataset.recordsPath())
                .then().statusCode(400).body("type", equalTo(TYPE + "field-not-granted"))
                .body("errors.pointer", equalTo(List.of("filter/name")));
        Api.reading("agency-nso").queryParam("fields", "name").get(dataset.recordsPath() + "/" + key(4))
                .then().statusCode(400).body("type", equalTo(TYPE + "field-not-granted"))
                .body("errors.pointer", equalTo(List.of("fields")));
        Api.reading("agency-nso").queryParam("filter", "{\"nationalId\":{\"eq\":\"" + TestDataset.record(key(4), 4)
                        .get("nationalId") + "\"}}").get(dataset.recordsPath())
                .then().statusCode(400).body("type", equalTo(TYPE + "field-not-granted"))
                .body("errors.pointer", equalTo(List.of("filter/nationalId")))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("pseudonyms"));
        Api.reading("agency-nso").queryParam("fields", "nope").get(dataset.recordsPath())
                .then().statusCode(400).body("type", equalTo(TYPE + "invalid-parameter"));
        Api.reading("agency-nso").queryParam("filter", "{\"amount\":{\"gte\":\"ten\"}}").get(dataset.recordsPath())
                .then().statusCode(400).body("type", equalTo(TYPE + "invalid-parameter"))
                .body("errors[0].pointer", equalTo("filter/amount/gte"));
        Api.reading("agency-nso").queryParam("filter", "{\"amount\":{\"gte\":1e1000}}").get(dataset.recordsPath())
                .then().statusCode(400).body("type", equalTo(TYPE + "invalid-parameter"));
        Api.reading("agency-nso").queryParam("filter", "{provinceCode").get(dataset.recordsPath())
                .then().statusCode(400).body("type", equalTo(TYPE + "invalid-parameter"));
    }

    @Test
    void rangesOnNumbersAndDatesSelectTheirRows() {
        TestDataset dataset = datasetWithRecords();
        dataset.grant("agency-dopa", Map.of("fields", List.of("amount", "registeredOn"),
                "rows", Map.of("registeredOn", Map.of("gte", "2020-01-05", "lt", "2020-01-09"), "amount", Map.of("gt", 4))));

        assertEquals(List.of(key(5), key(6), key(7)),
                new ArrayList<>(readAllPages(dataset, "agency-dopa", Map.of()).keySet()));
        // The same operators as a read's own filter, within the grant's rows: a date range and a list of values.
        assertEquals(List.of(key(6), key(7)), new ArrayList<>(readAllPages(dataset, "agency-dopa",
                Map.of("filter", "{\"registeredOn\":{\"gt\":\"2020-01-06\",\"lte\":\"2020-01-30\"}}")).keySet()));
        assertEquals(List.of(key(5), key(7)), new ArrayList<>(readAllPages(dataset, "agency-dopa",
                Map.of("filter", "{\"amount\":{\"in\":[5,7,9]}}")).keySet()));
    }

    @Test
    void aReadOfPersonalDataStatesAPurposeOfTheGrant() {
        TestDataset dataset = datasetWithRecords();
        String grant = dataset.grant("agency-nso", Map.of("fields", List.of("amount")));

        for (String path : List.of(dataset.recordsPath(), dataset.recordsPath() + "/" + key(1))) {
            Api.as("agency-nso").get(path).then().statusCode(403)
                    .body("type", equalTo(TYPE + "purpose-required"))
                    .body("allowedPurposes", equalTo(List.of(TestDataset.PURPOSE)));
            Api.as("agency-nso").header("LDX-Purpose", "marketing").get(path).then().statusCode(403)
                    .body("type", equalTo(TYPE + "purpose-not-allowed"))
                    .body("allowedPurposes", equalTo(List.of(TestDataset.PURPOSE)));
            Api.reading("agency-nso").get(path).then().statusCode(200)
                    .header("LDX-Purpose", TestDataset.PURPOSE).header("LDX-Grant", grant);
        }
    }

    @Test
    void aDatasetWithoutPersonalDataIsReadWithoutAPurposeButNotForAnotherOne() {
        TestDataset dataset = TestDataset.createWithoutPersonalData();
        dataset.put(key(1), TestDataset.recordWithoutPersonalData(key(1), 1));
        dataset.grant("agency-nso", Map.of("fields", List.of("amount")));

        Api.as("agency-nso").get(dataset.recordsPath()).then().statusCode(200).body("items", hasSize(1));
        Api.as("agency-nso").header("LDX-Purpose", "marketing").get(dataset.recordsPath())
                .then().statusCode(403).body("type", equalTo(TYPE + "purpose-not-allowed"));
    }

    @Test
    void theDigestCoversExactlyTheRecordsOfTheReadersViewAndFollowsItsChanges() {
        TestDataset dataset = datasetWithRecords();
        dataset.grant("agency-nso", Map.of("fields", List.of("amount"),
                "rows", Map.of("provinceCode", Map.of("in", List.of("10", "11")))));

        JsonPath digest = digest(dataset, "agency-nso");
        assertEquals(8, digest.getLong("records"));
        assertEquals(replicaDigest(dataset, "agency-nso"), digest.getString("hash"));
        assertEquals(RECORDS, digest.getLong("lastSequence"));
        assertEquals(RECORDS, digest(dataset, TestDataset.OWNER).getLong("records"));
        assertEquals(replicaDigest(dataset, TestDataset.OWNER), digest(dataset, TestDataset.OWNER).getString("hash"));

        dataset.put(key(2), TestDataset.record(key(2), 2 + 4 * 100));
        JsonPath afterOutside = digest(dataset, "agency-nso");
        assertEquals(digest.getString("hash"), afterOutside.getString("hash"), "a change outside the view leaves it as it was");
        assertEquals(RECORDS + 1, afterOutside.getLong("lastSequence"));

        dataset.put(key(4), TestDataset.record(key(4), 4 + 4 * 100));
        JsonPath afterInside = digest(dataset, "agency-nso");
        assertEquals(false, digest.getString("hash").equals(afterInside.getString("hash")));
        assertEquals(replicaDigest(dataset, "agency-nso"), afterInside.getString("hash"));
        Api.as("agency-nso").get(dataset.recordsPath().replace("/records", "/digest")).then().statusCode(403)
                .body("type", equalTo(TYPE + "purpose-required"));
    }

    private static JsonPath digest(TestDataset dataset, String reader) {
        return Api.reading(reader).get("/v1/datasets/" + dataset.id() + "/digest").then().statusCode(200)
                .body("algorithm", equalTo(ViewDigest.ALGORITHM)).extract().jsonPath();
    }

    /** What a subscriber computes over its copy: here, the copy is every page the reader can read. */
    private static String replicaDigest(TestDataset dataset, String reader) {
        ViewDigest replica = new ViewDigest();
        Api.reading(reader).queryParam("limit", 1000).get(dataset.recordsPath()).then().statusCode(200)
                .extract().jsonPath().getList("items", Map.class)
                .forEach(item -> replica.add((String) item.get("key"), ((Number) item.get("version")).longValue()));
        return replica.hash();
    }

    private static TestDataset datasetWithRecords() {
        TestDataset dataset = TestDataset.create();
        dataset.load(GrantPolicyTest::key, 1, RECORDS);
        return dataset;
    }

    /** What an agency should see, by key: the records its rows admit, projected. */
    private static Map<String, Map<String, Object>> expected(Predicate<Map<String, Object>> rows,
            java.util.function.Function<Map<String, Object>, Map<String, Object>> projection) {
        Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
        for (int n = 1; n <= RECORDS; n++) {
            Map<String, Object> record = TestDataset.record(key(n), n);
            if (rows.test(record)) {
                expected.put(key(n), projection.apply(record));
            }
        }
        return expected;
    }

    /** Every page, three records at a time, as the agency sees them, by key. */
    private static Map<String, Map<String, Object>> readAllPages(TestDataset dataset, String agency, Map<String, String> query) {
        Map<String, Map<String, Object>> seen = new LinkedHashMap<>();
        String after = null;
        do {
            RequestSpecification request = Api.reading(agency).queryParam("limit", 3).queryParams(query);
            if (after != null) {
                request.queryParam("after", after);
            }
            Response page = request.get(dataset.recordsPath()).then().statusCode(200).extract().response();
            List<Map<String, Object>> items = page.jsonPath().getList("items");
            items.forEach(item -> seen.put((String) item.get("key"), castMap(item.get("data"))));
            after = page.jsonPath().getString("next");
        } while (after != null);
        return seen;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object data) {
        return (Map<String, Object>) data;
    }

    private static Map<String, Object> withoutKey(Map<String, Object> problem, String key) {
        Map<String, Object> same = new LinkedHashMap<>(problem);
        same.replaceAll((name, value) -> value instanceof String text ? text.replace(key, "<key>") : value);
        return same;
    }

    private static String key(int n) {
        return String.format("R-%02d", n);
    }

    private static String cursor(String key) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
