package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;

/** A grant request LDX cannot grant is refused naming each problem, and nothing is stored. */
@ExtendWith(LdxStack.class)
class GrantBadInputTest {

    private static final String TYPE = "https://ldx.mol.go.th/problems/";

    @Test
    void aRequestForWhatTheDatasetDoesNotDeclareIsRefusedNamingEachProblemAndStoresNothing() {
        TestDataset dataset = TestDataset.create();
        Map<Map<String, Object>, String> refused = Map.ofEntries(
                Map.entry(Map.of("fields", List.of("amount", "salary")), "/fields/1"),
                Map.entry(Map.of("fields", List.of("amount"), "rows", Map.of("salary", Map.of("eq", 1))), "/rows/salary"),
                Map.entry(Map.of("fields", List.of("amount"), "rows", Map.of("provinceCode", Map.of("like", "1%"))),
                        "/rows/provinceCode/like"),
                Map.entry(Map.of("fields", List.of("amount"), "rows", Map.of("provinceCode", Map.of("in", List.of()))),
                        "/rows/provinceCode/in"),
                Map.entry(Map.of("fields", List.of("amount"), "rows", Map.of("provinceCode", Map.of("gte", "10"))),
                        "/rows/provinceCode/gte"),
                Map.entry(Map.of("fields", List.of("amount"), "rows", Map.of("amount", Map.of("gte", "ten"))),
                        "/rows/amount/gte"),
                Map.entry(Map.of("fields", List.of("amount"), "rows", Map.of("provinceCode", Map.of("eq", "1"))),
                        "/rows/provinceCode/eq"),
                Map.entry(Map.of("fields", List.of("amount"), "rows", Map.of("registeredOn", Map.of("lt", "2020-13-01"))),
                        "/rows/registeredOn/lt"),
                Map.entry(Map.of("fields", List.of("amount"), "rows", "every row"), "/rows"),
                Map.entry(Map.of("fields", List.of("amount"), "rows", Map.of("nationalId", Map.of("eq", "3100000000018"))),
                        "/rows/nationalId"),
                Map.entry(Map.of("fields", List.of("amount"), "purposes", List.of(TestDataset.PURPOSE, "curiosity")),
                        "/purposes/1"),
                Map.entry(Map.of("fields", List.of("amount"), "validFrom", Instant.now().plus(2, ChronoUnit.DAYS).toString()),
                        "/validUntil"),
                Map.entry(Map.of("fields", List.of("amount"), "datasetId", "no-such-dataset"), "/datasetId"),
                Map.entry(Map.of("fields", List.of("amount"), "validUntil", Instant.now().plus(3000, ChronoUnit.DAYS).toString()),
                        "/validUntil"));

        refused.forEach((terms, pointer) -> dataset.request("agency-nso", terms)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(TYPE + "invalid-grant"))
                .body("errors.pointer", hasItem(pointer)));

        Api.as("agency-nso").contentType("application/json").body("{\"datasetId\":\"" + dataset.id()
                        + "\",\"fields\":[\"amount\"],\"purposes\":[\"" + TestDataset.PURPOSE + "\"],\"validUntil\":\""
                        + Instant.now().plus(1, ChronoUnit.DAYS) + "\",\"rows\":{\"amount\":{\"gte\":1e1000}}}")
                .post("/v1/grants").then().statusCode(400).body("type", equalTo(TYPE + "invalid-grant"))
                .body("errors.pointer", hasItem("/rows/amount/gte"));
        dataset.request("agency-nso", Map.of("fields", List.of("amount"), "row", Map.of()))
                .then().statusCode(400).body("type", equalTo(TYPE + "malformed-request"))
                .body("errors[0].pointer", equalTo("/row"));
        dataset.request("agency-nso", Map.of()).then().statusCode(400).body("type", equalTo(TYPE + "invalid-parameter"));
        Api.as("agency-nso").post("/v1/grants").then().statusCode(400).body("type", equalTo(TYPE + "invalid-parameter"));
        Api.as("ldx-admin").queryParam("datasetId", dataset.id()).get("/v1/grants").then().statusCode(200)
                .body("$", empty());
    }

    /**
     * A pseudonymised grant may not pick rows by national ID. A field declared a national ID after such a grant was
     * approved, or asked for, would turn it into one: the definition is refused, naming the grants, and changes
     * nothing, until they are revoked or decided.
     */
    @Test
    void aFieldThatPseudonymisedGrantsFilterOnIsNotDeclaredANationalIdWhileTheyStand() {
        Map<String, Object> nameOnly = Map.of("field", "name", "category", "name");
        TestDataset dataset = TestDataset.createWithLegacyIds();
        Map<String, Object> byId = Map.of("fields", List.of("amount"), "identified", false,
                "rows", Map.of("nationalId", Map.of("eq", "3100000000018")));
        String approved = dataset.grant("agency-nso", byId);
        String asked = dataset.request("agency-rd", byId).then().statusCode(201).extract().path("id");
        Map<String, Object> declared = new HashMap<>(TestDataset.definition());
        declared.put("schema", TestDataset.schemaWithoutIdFormat());
        declared.put("personalDataFields", List.of(Map.of("field", "nationalId", "category", "national-id"), nameOnly));

        Api.as("ldx-admin").contentType("application/json").body(declared).put("/v1/admin/datasets/" + dataset.id())
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo(TYPE + "invalid-dataset"))
                .body("errors[0].pointer", equalTo("/personalDataFields/0"))
                .body("errors[0].message", containsString(approved))
                .body("errors[0].message", containsString(asked));
        Api.as("agency-nso").get("/v1/catalog/datasets/" + dataset.id()).then().statusCode(200)
                .body("personalDataFields.field", equalTo(List.of("name")));

        Api.as("ldx-admin").contentType("application/json").body(Map.of("reason", "filters on a national ID"))
                .post("/v1/grants/" + approved + "/revoke").then().statusCode(200);
        Api.as("ldx-admin").contentType("application/json").body(Map.of("reason", "filters on a national ID"))
                .post("/v1/grants/" + asked + "/reject").then().statusCode(200);
        Api.as("ldx-admin").contentType("application/json").body(declared).put("/v1/admin/datasets/" + dataset.id())
                .then().statusCode(200);
    }

    @Test
    void onlyAPartnerAgencyRequestsAndOnlyForItself() {
        TestDataset dataset = TestDataset.create();

        Api.as("dept-sso").contentType("application/json")
                .body(Map.of("datasetId", dataset.id(), "fields", List.of("amount"), "purposes", List.of(TestDataset.PURPOSE),
                        "validUntil", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post("/v1/grants").then().statusCode(403).body("type", equalTo(TYPE + "forbidden"));
        String id = dataset.request("agency-nso", Map.of("fields", List.of("amount"))).then().statusCode(201)
                .extract().path("id");
        Api.as("ldx-admin").get("/v1/grants/" + id).then().body("agency", equalTo("agency-nso"));
    }

    @Test
    void decisionsOnAGrantThatDoesNotExistAre404() {
        Api.as("ldx-admin").contentType("application/json").body(Map.of())
                .post("/v1/grants/" + UUID.randomUUID() + "/approve")
                .then().statusCode(404).body("type", equalTo(TYPE + "grant-not-found"));
        Api.as("ldx-admin").contentType("application/json").body(Map.of("reason", "x"))
                .post("/v1/grants/not-a-grant/revoke")
                .then().statusCode(404).body("type", equalTo(TYPE + "grant-not-found"));
        Api.as("ldx-admin").queryParam("state", "dormant").get("/v1/grants")
                .then().statusCode(400).body("type", equalTo(TYPE + "invalid-parameter"));
    }

    @Test
    void aPurposeNeedsALegalBasisOfThePdpa() {
        TestDataset.create();
        Api.as("ldx-admin").contentType("application/json")
                .body(Map.of("title", Map.of("th", "ตามใจ", "en", "On a whim"), "legalBasis", "whim"))
                .put("/v1/admin/purposes/on-a-whim")
                .then().statusCode(400).body("type", equalTo(TYPE + "malformed-request"))
                .body("errors[0].pointer", equalTo("/legalBasis"));
        Api.as("ldx-admin").contentType("application/json")
                .body(Map.of("title", Map.of("th", "ตามใจ", "en", "On a whim"), "legalBasis", "consent"))
                .put("/v1/admin/purposes/On_A_Whim")
                .then().statusCode(400).body("type", equalTo(TYPE + "invalid-parameter"));
        Api.as("agency-nso").get("/v1/purposes").then().statusCode(200)
                .body("code", not(hasItem("on-a-whim")))
                .body("find { it.code == '" + TestDataset.PURPOSE + "' }.legalBasis", equalTo("legitimate-interest"));
    }
}
