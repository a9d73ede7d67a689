package th.go.mol.ldx.e2e.support;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import th.go.mol.ldx.security.ThaiNationalId;

/**
 * A dataset of its own for one test, registered through the admin API and owned by dept-sso: a small schema
 * with a national ID, a name and an amount. Each test builds what it needs, so tests do not depend on each other.
 */
public final class TestDataset {

    public static final String OWNER = "dept-sso";

    private final String id = "e2e-" + UUID.randomUUID().toString().substring(0, 8);

    private TestDataset() {
    }

    public static TestDataset create() {
        TestDataset dataset = new TestDataset();
        Api.as("ldx-admin").contentType("application/json").body(definition())
                .put("/v1/admin/datasets/" + dataset.id).then().statusCode(201);
        return dataset;
    }

    public static Map<String, Object> definition() {
        Map<String, Object> schema = Map.of(
                "$schema", "https://json-schema.org/draft/2020-12/schema",
                "type", "object",
                "required", List.of("id", "nationalId", "amount"),
                "additionalProperties", false,
                "properties", Map.of(
                        "id", Map.of("type", "string"),
                        "nationalId", Map.of("type", "string", "pattern", "^[0-9]{13}$"),
                        "name", Map.of("type", "string"),
                        "amount", Map.of("type", "integer", "minimum", 0)));
        return Map.of(
                "title", Map.of("th", "ชุดข้อมูลทดสอบ", "en", "Test dataset"),
                "description", Map.of("th", "สร้างโดยการทดสอบ", "en", "Made by an end-to-end test"),
                "owner", OWNER,
                "classification", "confidential",
                "keyField", "id",
                "schema", schema,
                "personalDataFields", List.of(
                        Map.of("field", "nationalId", "category", "national-id"),
                        Map.of("field", "name", "category", "name")));
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

    public TestDataset grant(String agency, boolean pseudonymised) {
        Api.as("ldx-admin").contentType("application/json")
                .body(Map.of("purpose", "end-to-end test of " + id, "pseudonymised", pseudonymised))
                .put("/v1/admin/grants/" + agency + "/" + id).then().statusCode(201);
        return this;
    }

    /** A valid record with a valid national ID derived from {@code n}. */
    public static Map<String, Object> record(String key, int n) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", key);
        record.put("nationalId", ThaiNationalId.withCheckDigit(String.format("3%011d", 10_000_000L + n)).digits());
        record.put("name", "Somchai " + n);
        record.put("amount", n);
        return record;
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

    public JsonPath delete(String key) {
        return Api.as(OWNER).delete(recordsPath() + "/" + key).then().statusCode(200).extract().jsonPath();
    }
}
