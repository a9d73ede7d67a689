package th.go.mol.ldx.e2e.support;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import th.go.mol.ldx.security.ThaiNationalId;

/**
 * A dataset of its own for one test, registered through the admin API and owned by dept-sso: a small schema
 * with a national ID, a name, an amount, a province and a date. Each test builds what it needs, so tests do not
 * depend on each other.
 */
public final class TestDataset {

    public static final String OWNER = "dept-sso";
    /** The purpose every grant of the tests names, declared once per run. */
    public static final String PURPOSE = "e2e-testing";
    /** Province codes of the records, by {@code n % 4}: Bangkok, Samut Prakan, Chiang Mai, Songkhla. */
    public static final List<String> PROVINCES = List.of("10", "11", "50", "90");

    private static volatile boolean purposeDeclared;

    private final String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> grants = new ConcurrentHashMap<>();
    /** Whether its records hold legacy identifiers ({@link #createWithLegacyIds}). */
    private boolean legacyIds;

    private TestDataset() {
    }

    /**
     * The same dataset as a legacy system's: {@code nationalId} described as 13 digits, not as a national ID
     * ({@link #schemaWithoutIdFormat}), and declared nothing; its records are {@link #legacyRecord}s.
     */
    public static TestDataset createWithLegacyIds() {
        TestDataset dataset = createWith(Map.of("schema", schemaWithoutIdFormat(),
                "personalDataFields", List.of(Map.of("field", "name", "category", "name"))), Map.of());
        dataset.legacyIds = true;
        return dataset;
    }

    public static TestDataset create() {
        return create(definition());
    }

    /**
     * The same dataset without personal-data fields (no national ID, no name): read without stating a purpose. Its
     * records are {@link #recordWithoutPersonalData}.
     */
    @SuppressWarnings("unchecked")
    public static TestDataset createWithoutPersonalData() {
        Map<String, Object> definition = new LinkedHashMap<>(definition());
        Map<String, Object> schema = new LinkedHashMap<>(schema());
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) schema.get("properties"));
        properties.remove("nationalId");
        properties.remove("name");
        schema.put("properties", properties);
        schema.put("required", List.of("id", "amount"));
        definition.put("schema", schema);
        definition.put("personalDataFields", List.of());
        return create(definition);
    }

    /** {@link #record} without its personal data, for {@link #createWithoutPersonalData}. */
    public static Map<String, Object> recordWithoutPersonalData(String key, int n) {
        Map<String, Object> record = record(key, n);
        record.remove("nationalId");
        record.remove("name");
        return record;
    }

    /**
     * The test schema with {@code nationalId} described as 13 digits, not as a national ID: the field of a legacy
     * system whose owner has not yet said what it holds. Records whose {@code nationalId} holds real national IDs
     * are refused until it is declared one.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> schemaWithoutIdFormat() {
        Map<String, Object> schema = new LinkedHashMap<>(schema());
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) schema.get("properties"));
        properties.put("nationalId", Map.of("type", "string", "pattern", "^[0-9]{13}$"));
        schema.put("properties", properties);
        return schema;
    }

    /** The same dataset, its catalog metadata changed by {@code changes} (members replaced or added). */
    public static TestDataset createWithMetadata(Map<String, Object> changes) {
        return createWith(Map.of(), changes);
    }

    /** The same dataset, members of its definition and of its catalog metadata replaced or added. */
    public static TestDataset createWith(Map<String, Object> definitionChanges, Map<String, Object> metadataChanges) {
        Map<String, Object> metadata = new LinkedHashMap<>(metadata());
        metadata.putAll(metadataChanges);
        Map<String, Object> definition = new LinkedHashMap<>(definition());
        definition.putAll(definitionChanges);
        definition.put("metadata", metadata);
        return create(definition);
    }

    private static TestDataset create(Map<String, Object> definition) {
        declarePurpose();
        TestDataset dataset = new TestDataset();
        Api.as("ldx-admin").contentType("application/json").body(definition)
                .put("/v1/admin/datasets/" + dataset.id).then().statusCode(201);
        return dataset;
    }

    private static void declarePurpose() {
        if (!purposeDeclared) {
            Api.as("ldx-admin").contentType("application/json")
                    .body(Map.of("title", Map.of("th", "การทดสอบระบบ", "en", "End-to-end testing"),
                            "legalBasis", "legitimate-interest"))
                    .put("/v1/admin/purposes/" + PURPOSE).then().statusCode(anyOf(is(200), is(201)));
            purposeDeclared = true;
        }
    }

    public static Map<String, Object> definition() {
        return Map.of(
                "title", Map.of("th", "ชุดข้อมูลทดสอบ", "en", "Test dataset"),
                "description", Map.of("th", "สร้างโดยการทดสอบ", "en", "Made by an end-to-end test"),
                "owner", OWNER,
                "classification", "confidential",
                "keyField", "id",
                "schema", schema(),
                "personalDataFields", List.of(
                        Map.of("field", "nationalId", "category", "national-id"),
                        Map.of("field", "name", "category", "name")),
                "metadata", metadata(),
                "statistics", Map.of("dimensions", List.of("provinceCode", "registeredOn"), "measures", List.of("amount")));
    }

    private static Map<String, Object> schema() {
        return Map.of(
                "$schema", "https://json-schema.org/draft/2020-12/schema",
                "type", "object",
                "required", List.of("id", "nationalId", "amount"),
                "additionalProperties", false,
                "properties", Map.of(
                        "id", Map.of("type", "string"),
                        "nationalId", Map.of("type", "string", "pattern", "^[0-9]{13}$", "format", "th-national-id"),
                        "name", Map.of("type", "string"),
                        "amount", Map.of("type", "integer", "minimum", 0),
                        "provinceCode", Map.of("type", "string", "pattern", "^[1-9][0-9]$", "format", "th-province-code"),
                        "registeredOn", Map.of("type", "string", "format", "date")));
    }

    /** The catalog metadata every test dataset carries: what GD-Catalog asks of an owner. */
    public static Map<String, Object> metadata() {
        return Map.of(
                "objective", Map.of("th", "ทดสอบระบบแลกเปลี่ยนข้อมูล", "en", "Testing the exchange"),
                "keywords", Map.of("th", List.of("ทดสอบ"), "en", List.of("testing")),
                "dataType", "record",
                "category", "personal",
                "contact", Map.of("name", "ทีมทดสอบ", "email", "e2e@ldx.example.go.th"),
                "updateFrequency", "irregular",
                "licence", Map.of("name", "For testing only"));
    }

    public String id() {
        return id;
    }

    public String topic() {
        return "ldx.dataset." + id;
    }

    public String recordsPath() {
        return "/v1/datasets/" + id + "/records";
    }

    /** Grants an agency every field and every row for {@link #PURPOSE}, for a day: requested, then approved by an admin. */
    public TestDataset grant(String agency, boolean pseudonymised) {
        grant(agency, Map.of("fields", List.of("nationalId", "name", "amount", "provinceCode", "registeredOn"),
                "identified", !pseudonymised));
        return this;
    }

    /** Requests a grant with the given members (the dataset, a purpose and a validity filled in), approves it; answers its id. */
    public String grant(String agency, Map<String, Object> terms) {
        String grantId = request(agency, terms).then().statusCode(201).extract().path("id");
        Api.as("ldx-admin").contentType("application/json").body(Map.of())
                .post("/v1/grants/" + grantId + "/approve").then().statusCode(200);
        grants.put(agency, grantId);
        return grantId;
    }

    /** Files a grant request as the agency; the given members win over the defaults (this dataset, PURPOSE, a day). */
    public Response request(String agency, Map<String, Object> terms) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("datasetId", id);
        body.put("purposes", List.of(PURPOSE));
        body.put("validUntil", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        body.putAll(terms);
        return Api.as(agency).contentType("application/json").body(body).post("/v1/grants");
    }

    /** The id of the last grant made for an agency with {@link #grant}. */
    public String grantOf(String agency) {
        return grants.get(agency);
    }

    /** A valid record with a valid national ID derived from {@code n}, in province {@code PROVINCES[n % 4]}. */
    public static Map<String, Object> record(String key, int n) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", key);
        record.put("nationalId", ThaiNationalId.withCheckDigit(String.format("3%011d", 10_000_000L + n)).digits());
        record.put("name", "Somchai " + n);
        record.put("amount", n);
        record.put("provinceCode", PROVINCES.get(n % PROVINCES.size()));
        record.put("registeredOn", LocalDate.of(2020, 1, 1).plusDays(n).toString());
        return record;
    }

    /**
     * {@link #record} with a 13-digit identifier whose check digit does not hold, as a legacy system's records hold
     * them: not a national ID, so that it may be published where none is declared.
     */
    public static Map<String, Object> legacyRecord(String key, int n) {
        Map<String, Object> record = record(key, n);
        String id = (String) record.get("nationalId");
        record.put("nationalId", id.substring(0, 12) + (char) ('0' + (id.charAt(12) - '0' + 1) % 10));
        return record;
    }

    /** A record this dataset accepts whatever its declarations, for markers that prove a topic caught up. */
    public Map<String, Object> marker(String key) {
        return legacyIds ? legacyRecord(key, 0) : record(key, 0);
    }

    /** Writes a record as the owner; answers the change receipt. */
    public JsonPath put(String key, Map<String, Object> data) {
        return putVia(LdxStack.stack().gateway().baseUrl(), key, data);
    }

    /** The same through a given gateway replica. */
    public JsonPath putVia(String gateway, String key, Map<String, Object> data) {
        return Api.as(OWNER).baseUri(gateway).contentType("application/json").body(data)
                .put(recordsPath() + "/" + key)
                .then().statusCode(anyOf(is(200), is(201)))
                .extract().jsonPath();
    }

    /** Records {@link #record(String, int)} {@code first..last}, keyed {@code key(n)}, written in one batch. */
    public JsonPath load(IntFunction<String> key, int first, int last) {
        List<Map<String, Object>> changes = new ArrayList<>();
        for (int n = first; n <= last; n++) {
            changes.add(Map.of("operation", "upsert", "data", record(key.apply(n), n)));
        }
        return batch(changes).then().statusCode(200).extract().jsonPath();
    }

    /** Posts a batch of changes as the owner; answers the response, whatever it is. */
    public Response batch(List<Map<String, Object>> changes) {
        return Api.as(OWNER).contentType("application/json").body(Map.of("changes", changes))
                .post(recordsPath() + ":batch");
    }

    public JsonPath delete(String key) {
        return Api.as(OWNER).delete(recordsPath() + "/" + key).then().statusCode(200).extract().jsonPath();
    }

}
