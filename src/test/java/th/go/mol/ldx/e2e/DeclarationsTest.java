package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.Pseudonyms;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.TopicReader;

/**
 * An administrator tries to widen grants by editing the catalog, as an auditor would: each redefinition that would
 * show a grant in effect or asked for more than its owner approved is refused (409 widens-grants, naming the
 * grants) and changes nothing: the catalog entry, the grants, the agency's page and its topic read the same after.
 * Adding protection is allowed and holds at once.
 */
@ExtendWith(LdxStack.class)
class DeclarationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SYNC = Duration.ofSeconds(120);
    private static final String NSO = "agency-nso";
    private static final String RD = "agency-rd";
    private static final String DOPA = "agency-dopa";

    @Test
    void aRedefinitionThatWouldWidenAGrantIsRefusedAndChangesNothing() throws Exception {
        // Its schema says nationalId is 13 digits, not a national ID: only the declaration protects it.
        TestDataset dataset = TestDataset.createWith(Map.of("schema", TestDataset.schemaWithoutIdFormat()), Map.of());
        dataset.load(n -> String.format("D-%03d", n), 1, 20);
        String nso = dataset.grant(NSO, Map.of("fields", List.of("nationalId", "amount"), "identified", false));
        String rd = dataset.grant(RD, Map.of("fields", List.of("nationalId", "name", "amount"), "identified", true));
        String dopa = dataset.request(DOPA, Map.of("fields", List.of("amount", "provinceCode")))
                .then().statusCode(201).extract().path("id");
        String topic = "ldx.agency." + NSO + "." + dataset.id();
        TopicReader.following(dataset, topic, SYNC);

        String entry = catalogEntry(dataset);
        String grants = grantsOf(dataset);
        Map<String, String> page = nationalIdsShownTo(NSO, dataset);
        Map<String, String> onTopic = TopicReader.lastNationalIdOfEachKey(topic);
        int messagesBefore = TopicReader.everything(topic).size();
        assertEquals(page, onTopic, "the topic follows REST before the attacks");
        assertFalse(page.containsValue(TestDataset.record("D-007", 7).get("nationalId")), "pseudonyms, not real IDs");

        // The national ID undeclared, or declared another kind of personal data: NSO would read real IDs.
        refused(dataset, d -> d.put("personalDataFields", List.of(Map.of("field", "name", "category", "name"))),
                "/personalDataFields", nso);
        refused(dataset, d -> d.put("personalDataFields", List.of(Map.of("field", "nationalId", "category", "other"),
                Map.of("field", "name", "category", "name"))), "/personalDataFields", nso);
        // The name undeclared: RD shows it, approved as personal data.
        refused(dataset, d -> d.put("personalDataFields", List.of(Map.of("field", "nationalId",
                "category", "national-id"))), "/personalDataFields", rd);
        // No personal data left: every grant would read without a purpose.
        refused(dataset, d -> d.put("personalDataFields", List.of()), "/personalDataFields", dopa);
        // A granted field renamed (as the next schema version, so that only the grants stand in its way).
        refused(dataset, d -> {
            d.put("schema", renamed((Map<?, ?>) d.get("schema"), "amount", "amountThb"));
            d.put("schemaVersion", 2);
            d.put("statistics", Map.of("dimensions", List.of("provinceCode"), "measures", List.of("amountThb")));
        }, "/schema/properties/amount", nso, rd, dopa);
        // Keyed by a field that NSO and DOPA were not given (RD was).
        refused(dataset, d -> d.put("keyField", "name"), "/keyField", nso, dopa);

        assertEquals(entry, catalogEntry(dataset), "the catalog entry is unchanged");
        assertEquals(grants, grantsOf(dataset), "the grants are unchanged");
        assertEquals(page, nationalIdsShownTo(NSO, dataset), "NSO's page is unchanged");
        // A redefinition let through would have the relay send NSO's topic again; the marker written now arrives
        // after anything that did, so the topic holds exactly one message more: the marker's.
        TopicReader.following(dataset, topic, SYNC);
        assertEquals(messagesBefore + 1, TopicReader.everything(topic).size(), "only the marker reached " + topic);
        Map<String, String> after = TopicReader.lastNationalIdOfEachKey(topic);
        after.keySet().retainAll(onTopic.keySet());
        assertEquals(onTopic, after, "NSO's topic holds the same pseudonyms");

        // Adding protection is allowed and holds at once.
        Map<String, Object> protectedMore = definition();
        protectedMore.put("personalDataFields", List.of(Map.of("field", "nationalId", "category", "national-id"),
                Map.of("field", "name", "category", "name"), Map.of("field", "amount", "category", "other")));
        Api.as("ldx-admin").contentType("application/json").body(protectedMore)
                .put("/v1/admin/datasets/" + dataset.id()).then().statusCode(200)
                .body("personalDataFields.field", equalTo(List.of("nationalId", "name", "amount")));
        Map<String, String> protectedPage = nationalIdsShownTo(NSO, dataset);
        protectedPage.keySet().retainAll(page.keySet());
        assertEquals(page, protectedPage, "NSO's pseudonyms are kept");

        // Once the grant that stood in its way is gone, a redefinition that only it stood in the way of may be
        // proposed, and is made when the owner department approves it.
        Api.as("ldx-admin").contentType("application/json").body(Map.of("reason", "to be re-requested"))
                .post("/v1/grants/" + rd + "/revoke").then().statusCode(200);
        Map<String, Object> withoutName = new LinkedHashMap<>(protectedMore);
        withoutName.put("personalDataFields", List.of(Map.of("field", "nationalId", "category", "national-id"),
                Map.of("field", "amount", "category", "other")));
        String change = Api.as("ldx-admin").contentType("application/json").body(withoutName)
                .put("/v1/admin/datasets/" + dataset.id()).then().statusCode(202).extract().path("id");
        Api.as(TestDataset.OWNER).contentType("application/json").body(Map.of())
                .post("/v1/datasets/" + dataset.id() + "/declaration-changes/" + change + "/approve")
                .then().statusCode(200);
        Api.as(NSO).get("/v1/catalog/datasets/" + dataset.id()).then().statusCode(200)
                .body("personalDataFields.field", equalTo(List.of("nationalId", "amount")));
    }

    /** Sends the test definition changed by {@code change}; asserts a 409 widens-grants at {@code pointer} naming {@code grants}. */
    private static void refused(TestDataset dataset, Consumer<Map<String, Object>> change, String pointer,
            String... grants) {
        Map<String, Object> definition = definition();
        change.accept(definition);
        JsonPath problem = Api.as("ldx-admin").contentType("application/json").body(definition)
                .put("/v1/admin/datasets/" + dataset.id()).then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ldx.mol.go.th/problems/widens-grants"))
                .extract().jsonPath();
        List<String> pointers = problem.getList("errors.pointer");
        assertTrue(pointers.contains(pointer), pointer + " in " + pointers);
        String messages = String.join(" ", problem.<String>getList("errors.message"));
        for (String grant : grants) {
            assertTrue(messages.contains(grant), grant + " named in " + messages);
        }
    }

    /**
     * Where the schema describes the national ID as one, the declaration cannot be taken off it at all: the schema
     * and the declarations would disagree.
     */
    @Test
    void aNationalIdTheSchemaDescribesCannotBeUndeclared() {
        TestDataset dataset = TestDataset.create();
        Map<String, Object> undeclared = new LinkedHashMap<>(TestDataset.definition());
        undeclared.put("personalDataFields", List.of(Map.of("field", "name", "category", "name")));

        Api.as("ldx-admin").contentType("application/json").body(undeclared)
                .put("/v1/admin/datasets/" + dataset.id()).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ldx.mol.go.th/problems/invalid-dataset"))
                .body("errors.pointer", equalTo(List.of("/schema/properties/nationalId/format")));
        Api.as("ldx-admin").get("/v1/datasets/" + dataset.id()).then().statusCode(200)
                .body("personalDataFields.field", equalTo(List.of("nationalId", "name")));
    }

    /**
     * A record that holds a national ID where its dataset declares none is refused, on PUT and in a batch, and
     * nothing of it is stored: it would reach agencies in clear.
     */
    @Test
    void aRecordHoldingANationalIdWhereNoneIsDeclaredIsRefusedAndNothingIsStored() {
        TestDataset dataset = TestDataset.createWithLegacyIds();
        Api.as(TestDataset.OWNER).contentType("application/json").body(TestDataset.record("U-1", 1))
                .put(dataset.recordsPath() + "/U-1").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ldx.mol.go.th/problems/invalid-record"))
                .body("errors.pointer", equalTo(List.of("/nationalId")));
        dataset.batch(List.of(Map.of("operation", "upsert", "data", TestDataset.legacyRecord("U-2", 2)),
                        Map.of("operation", "upsert", "data", TestDataset.record("U-3", 3))))
                .then().statusCode(400).body("errors.pointer", equalTo(List.of("/changes/1/data/nationalId")));
        Api.as(TestDataset.OWNER).get(dataset.recordsPath()).then().statusCode(200).body("items", equalTo(List.of()));
    }

    /**
     * A national ID nested in an object is declared by its JSON pointer, and a pseudonymised agency receives it as
     * its own pseudonym on every channel: pages, a record by key, the export, the change feed and its Kafka topic;
     * an identified agency as stored. Undeclared, the dataset is refused; a national ID nested elsewhere is refused.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aNestedNationalIdIsPseudonymisedWhereItIsDeclaredOnEveryChannel() throws Exception {
        Map<String, Object> definition = new LinkedHashMap<>(TestDataset.definition());
        Map<String, Object> schema = new LinkedHashMap<>((Map<String, Object>) definition.get("schema"));
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) schema.get("properties"));
        properties.put("employer", Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string"),
                "ownerNationalId", Map.of("type", "string", "format", "th-national-id"))));
        schema.put("properties", properties);
        definition.put("schema", schema);
        Api.as("ldx-admin").contentType("application/json").body(definition)
                .put("/v1/admin/datasets/e2e-nested-undeclared").then().statusCode(422)
                .body("errors.pointer", equalTo(List.of("/schema/properties/employer/properties/ownerNationalId/format")));
        Api.as("ldx-admin").get("/v1/datasets/e2e-nested-undeclared").then().statusCode(404);

        TestDataset dataset = TestDataset.createWith(Map.of("schema", schema, "personalDataFields", List.of(
                Map.of("field", "nationalId", "category", "national-id"), Map.of("field", "name", "category", "name"),
                Map.of("field", "/employer/ownerNationalId", "category", "national-id"))), Map.of());
        dataset.grant(NSO, Map.of("fields", List.of("employer", "amount"), "identified", false));
        dataset.grant(RD, Map.of("fields", List.of("employer"), "identified", true));
        String topic = "ldx.agency." + NSO + "." + dataset.id();
        Map<String, String> owners = new TreeMap<>();
        for (int n = 1; n <= 5; n++) {
            String key = "N-" + n;
            Map<String, Object> record = TestDataset.record(key, n);
            String owner = (String) TestDataset.record(key, 1000 + n).get("nationalId");
            record.put("employer", Map.of("name", "บริษัท " + n, "ownerNationalId", owner));
            dataset.put(key, record);
            owners.put(key, Pseudonyms.of(NSO, owner));
        }
        Map<String, Object> elsewhere = TestDataset.record("N-9", 9);
        elsewhere.put("employer", Map.of("name", TestDataset.record("N-9", 9).get("nationalId")));
        Api.as(TestDataset.OWNER).contentType("application/json").body(elsewhere).put(dataset.recordsPath() + "/N-9")
                .then().statusCode(422).body("errors.pointer", equalTo(List.of("/employer/name")));
        TopicReader.following(dataset, topic, SYNC);

        Map<String, String> page = new TreeMap<>();
        JsonNode items = JSON.readTree(Api.reading(NSO).get(dataset.recordsPath()).then().statusCode(200)
                .extract().asString()).get("items");
        items.forEach(item -> page.put(item.get("key").asText(), ownerIn(item.get("data"))));
        page.keySet().retainAll(owners.keySet());
        assertEquals(owners, page, "pages");
        assertEquals(owners.get("N-3"), ownerIn(JSON.readTree(Api.reading(NSO).get(dataset.recordsPath() + "/N-3")
                .then().statusCode(200).extract().asString()).get("data")), "a record by key");
        Map<String, String> exported = new TreeMap<>();
        for (String line : Api.reading(NSO).get("/v1/datasets/" + dataset.id() + "/export").then().statusCode(200)
                .extract().asString().lines().toList()) {
            JsonNode record = JSON.readTree(line);
            exported.put(record.get("id").asText(), ownerIn(record));
        }
        exported.keySet().retainAll(owners.keySet());
        assertEquals(owners, exported, "the export");
        Map<String, String> fed = new TreeMap<>();
        JSON.readTree(Api.reading(NSO).get("/v1/datasets/" + dataset.id() + "/changes?after=0&limit=1000")
                .then().statusCode(200).extract().asString()).get("items").forEach(event -> {
                    if (owners.containsKey(event.get("subject").asText())) {
                        fed.put(event.get("subject").asText(), ownerIn(event.get("data")));
                    }
                });
        assertEquals(owners, fed, "the change feed");
        Map<String, String> onTopic = new TreeMap<>();
        for (ConsumerRecord<String, String> message : TopicReader.everything(topic)) {
            if (message.value() != null && owners.containsKey(message.key())) {
                onTopic.put(message.key(), ownerIn(JSON.readTree(message.value()).get("data")));
            }
        }
        assertEquals(owners, onTopic, "the Kafka topic");
        assertEquals(TestDataset.record("N-3", 1003).get("nationalId"), ownerIn(JSON.readTree(Api.reading(RD)
                .get(dataset.recordsPath() + "/N-3").then().statusCode(200).extract().asString()).get("data")),
                "an identified grant reads it as stored");
    }

    private static String ownerIn(JsonNode data) {
        return data.path("employer").path("ownerNationalId").asText(null);
    }

    /**
     * Four eyes: an administrator's redefinition that takes a declaration away waits, whole, for the dataset's owner
     * department, which alone approves or rejects it; the approval is checked again against the grants of its own
     * moment; every step is in the audit trail.
     */
    @Test
    void aDeclarationTakenAwayByAnAdministratorWaitsForTheOwnerDepartment() {
        TestDataset dataset = TestDataset.create();
        String path = "/v1/admin/datasets/" + dataset.id();
        String changes = "/v1/datasets/" + dataset.id() + "/declaration-changes";
        Map<String, Object> withoutName = new LinkedHashMap<>(TestDataset.definition());
        withoutName.put("personalDataFields", List.of(Map.of("field", "nationalId", "category", "national-id")));
        withoutName.put("classification", "restricted");

        Response proposed = Api.as("ldx-admin").contentType("application/json")
                .body(withoutName).put(path);
        proposed.then().statusCode(202).body("state", equalTo("proposed"))
                .body("removes", equalTo(List.of(Map.of("field", "name", "category", "name"))))
                .body("proposedBy", equalTo("ldx-admin"));
        String first = proposed.jsonPath().getString("id");
        assertTrue(proposed.header("Location").endsWith(changes + "/" + first), proposed.header("Location"));
        Api.as("ldx-admin").get("/v1/datasets/" + dataset.id()).then().statusCode(200)
                .body("personalDataFields.field", equalTo(List.of("nationalId", "name")))
                .body("classification", equalTo("confidential"));

        // A second proposal supersedes the first; the administration cannot approve it, nor another department.
        String second = Api.as("ldx-admin").contentType("application/json").body(withoutName).put(path)
                .then().statusCode(202).extract().path("id");
        Api.as(TestDataset.OWNER).get(changes + "/" + first).then().statusCode(200).body("state", equalTo("superseded"));
        Api.as("ldx-admin").contentType("application/json").body(Map.of()).post(changes + "/" + second + "/approve")
                .then().statusCode(403);
        Api.as("dept-doe").contentType("application/json").body(Map.of()).post(changes + "/" + second + "/approve")
                .then().statusCode(403).body("type", equalTo("https://ldx.mol.go.th/problems/not-owner"));
        Api.as(TestDataset.OWNER).contentType("application/json").body(Map.of()).post(changes + "/" + first + "/approve")
                .then().statusCode(409)
                .body("type", equalTo("https://ldx.mol.go.th/problems/declaration-change-state-conflict"));

        // A grant asked for since, that shows the name, makes the approval a widening: refused, still waiting.
        String asked = dataset.request(RD, Map.of("fields", List.of("name", "amount"), "identified", true))
                .then().statusCode(201).extract().path("id");
        Api.as(TestDataset.OWNER).contentType("application/json").body(Map.of()).post(changes + "/" + second + "/approve")
                .then().statusCode(409).body("type", equalTo("https://ldx.mol.go.th/problems/widens-grants"))
                .body("errors[0].message", containsString(asked));
        Api.as(TestDataset.OWNER).get(changes + "/" + second).then().statusCode(200).body("state", equalTo("proposed"));
        Api.as("ldx-admin").contentType("application/json").body(Map.of("reason", "not needed"))
                .post("/v1/grants/" + asked + "/reject").then().statusCode(200);

        Api.as(TestDataset.OWNER).contentType("application/json").body(Map.of("reason", "names are not kept"))
                .post(changes + "/" + second + "/approve").then().statusCode(200)
                .body("state", equalTo("approved")).body("decidedBy", equalTo(TestDataset.OWNER));
        Api.as("ldx-admin").get("/v1/datasets/" + dataset.id()).then().statusCode(200)
                .body("personalDataFields.field", equalTo(List.of("nationalId")))
                .body("classification", equalTo("restricted"));

        // Rejected, a proposal changes nothing; adding protection back applies at once.
        Api.as("ldx-admin").contentType("application/json").body(TestDataset.definition()).put(path)
                .then().statusCode(200);
        String third = Api.as("ldx-admin").contentType("application/json").body(withoutName).put(path)
                .then().statusCode(202).extract().path("id");
        Api.as(TestDataset.OWNER).contentType("application/json").body(Map.of("reason", "keep the names declared"))
                .post(changes + "/" + third + "/reject").then().statusCode(200).body("state", equalTo("rejected"));
        Api.as("ldx-admin").get("/v1/datasets/" + dataset.id()).then().statusCode(200)
                .body("personalDataFields.field", equalTo(List.of("nationalId", "name")));
        List<String> states = Api.as(TestDataset.OWNER).get(changes).then().statusCode(200).extract().path("state");
        assertEquals(List.of("rejected", "approved", "superseded"), states);

        // A redefinition applied while a proposal waits supersedes it: the owner approves only what it has read.
        String stale = Api.as("ldx-admin").contentType("application/json").body(withoutName).put(path)
                .then().statusCode(202).extract().path("id");
        Map<String, Object> retitled = new LinkedHashMap<>(TestDataset.definition());
        retitled.put("title", Map.of("th", "ชุดข้อมูลทดสอบ (แก้ไข)", "en", "Test dataset (retitled)"));
        Api.as("ldx-admin").contentType("application/json").body(retitled).put(path).then().statusCode(200);
        Api.as(TestDataset.OWNER).contentType("application/json").body(Map.of())
                .post(changes + "/" + stale + "/approve").then().statusCode(409);
        // Giving the dataset to another department, which would read every record whole, is the owner's to approve.
        Map<String, Object> elsewhere = new LinkedHashMap<>(retitled);
        elsewhere.put("owner", "dept-doe");
        String handOver = Api.as("ldx-admin").contentType("application/json").body(elsewhere).put(path)
                .then().statusCode(202).body("owner", equalTo("dept-doe")).extract().path("id");
        Api.as("ldx-admin").get("/v1/datasets/" + dataset.id()).then().statusCode(200)
                .body("owner", equalTo(TestDataset.OWNER));
        Api.as(TestDataset.OWNER).contentType("application/json").body(Map.of("reason", "moved to DOE"))
                .post(changes + "/" + handOver + "/approve").then().statusCode(200);
        Api.as("ldx-admin").get("/v1/datasets/" + dataset.id()).then().statusCode(200)
                .body("owner", equalTo("dept-doe"));

        List<Map<String, Object>> trail = Api.as("ldx-admin").queryParam("dataset", dataset.id())
                .queryParam("limit", 1000).get("/v1/audit/entries").then().statusCode(200).extract()
                .jsonPath().getList("items");
        for (Map.Entry<String, Integer> step : Map.of("dataset.define", 202, "dataset.declarations.approve", 200,
                "dataset.declarations.reject", 200).entrySet()) {
            assertTrue(trail.stream().anyMatch(e -> step.getKey().equals(e.get("action"))
                    && step.getValue().equals(e.get("outcome"))), step + " in the audit trail: " + trail);
        }
    }

    /**
     * A national-ID declaration that the records stored still need cannot be taken away, even with no grant in the
     * way: a grant asked for later would be shown the IDs in clear.
     */
    @Test
    void aNationalIdDeclarationTheStoredRecordsStillNeedCannotBeTakenAway() {
        TestDataset dataset = TestDataset.createWith(Map.of("schema", TestDataset.schemaWithoutIdFormat()), Map.of());
        dataset.load(n -> "K-" + n, 1, 3);
        Map<String, Object> undeclared = definition();
        undeclared.put("personalDataFields", List.of(Map.of("field", "name", "category", "name")));

        Api.as("ldx-admin").contentType("application/json").body(undeclared)
                .put("/v1/admin/datasets/" + dataset.id()).then().statusCode(422)
                .body("type", equalTo("https://ldx.mol.go.th/problems/invalid-dataset"))
                .body("errors[0].message", containsString("K-1"));
        Api.as(TestDataset.OWNER).get("/v1/datasets/" + dataset.id() + "/declaration-changes").then().statusCode(200)
                .body("state", equalTo(List.of()));
        Api.as("ldx-admin").get("/v1/datasets/" + dataset.id()).then().statusCode(200)
                .body("personalDataFields.field", equalTo(List.of("nationalId", "name")));
    }

    /** The test definition with {@link TestDataset#schemaWithoutIdFormat}. */
    private static Map<String, Object> definition() {
        Map<String, Object> definition = new LinkedHashMap<>(TestDataset.definition());
        definition.put("schema", TestDataset.schemaWithoutIdFormat());
        return definition;
    }

    private static Map<String, Object> renamed(Map<?, ?> schema, String from, String to) {
        Map<String, Object> copy = new LinkedHashMap<>();
        schema.forEach((k, v) -> copy.put((String) k, v));
        Map<String, Object> properties = new LinkedHashMap<>();
        ((Map<?, ?>) schema.get("properties")).forEach((k, v) -> properties.put(k.equals(from) ? to : (String) k, v));
        copy.put("properties", properties);
        copy.put("required", ((List<?>) schema.get("required")).stream().map(f -> f.equals(from) ? to : f).toList());
        return copy;
    }

    private static String catalogEntry(TestDataset dataset) {
        return Api.as("ldx-admin").get("/v1/datasets/" + dataset.id()).then().statusCode(200).extract().asString();
    }

    private static String grantsOf(TestDataset dataset) {
        return Api.as("ldx-admin").queryParam("datasetId", dataset.id()).get("/v1/grants").then().statusCode(200)
                .extract().asString();
    }

    private static Map<String, String> nationalIdsShownTo(String agency, TestDataset dataset) {
        Map<String, String> shown = new TreeMap<>();
        Api.reading(agency).queryParam("limit", 1000).get(dataset.recordsPath()).then().statusCode(200)
                .extract().jsonPath().getList("items", Map.class).forEach(item -> shown.put((String) item.get("key"),
                        (String) ((Map<?, ?>) item.get("data")).get("nationalId")));
        return shown;
    }
}
