package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.TopicReader;

/**
 * A schema change that would break consumers is refused, naming each break, unless it is published as the next
 * version; one that breaks nothing keeps the version. Every version stays readable, and each event and record
 * names the version its record was checked against.
 */
@ExtendWith(LdxStack.class)
class SchemaVersionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEMS = "https://ldx.mol.go.th/problems/";

    @Test
    void aBreakingChangeIsRefusedUnlessPublishedAsTheNextVersionAndEventsNameTheVersionOfTheirRecord() throws Exception {
        TestDataset dataset = TestDataset.create();
        String entry = "/v1/catalog/datasets/" + dataset.id();
        String schemaUri = "https://ldx.mol.go.th/datasets/" + dataset.id() + "/schemas/";
        dataset.put("V-1", TestDataset.record("V-1", 1));
        Api.as("agency-nso").get(entry).then().statusCode(200).body("schemaVersion", equalTo(1))
                .body("schemaUri", equalTo(schemaUri + 1));

        // An optional field more breaks nothing: version 1 is revised.
        Map<String, Object> widened = withSchema(schema -> properties(schema).put("note", Map.of("type", "string")));
        define(dataset, widened).then().statusCode(200).body("schemaVersion", equalTo(1));
        Api.as("agency-nso").get(entry + "/schemas/1").then().statusCode(200).body("properties.note.type", equalTo("string"));

        // Removing the note again, capping the amount and requiring the province: records valid before may not be.
        Map<String, Object> narrowed = withSchema(schema -> {
            properties(schema).put("amount", Map.of("type", "integer", "minimum", 0, "maximum", 1000));
            schema.put("required", List.of("id", "nationalId", "amount", "provinceCode"));
        });
        define(dataset, narrowed).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "breaking-schema-change"))
                .body("errors.pointer", containsInAnyOrder("/schema/properties/amount", "/schema/properties/note",
                        "/schema/required"));
        Api.as("agency-nso").get(entry + "/schema").then().statusCode(200).header("LDX-Schema-Version", "1")
                .body("properties.note.type", equalTo("string"));
        Map<String, Object> skipping = new LinkedHashMap<>(narrowed);
        skipping.put("schemaVersion", 3);
        define(dataset, skipping).then().statusCode(422).body("errors.pointer", equalTo(List.of("/schemaVersion")));

        Map<String, Object> next = new LinkedHashMap<>(narrowed);
        next.put("schemaVersion", 2);
        define(dataset, next).then().statusCode(200).body("schemaVersion", equalTo(2));
        Api.as("agency-nso").get(entry + "/schemas/1").then().statusCode(200).body("properties.amount.maximum", equalTo(null))
                .body("properties.note.type", equalTo("string"));
        Api.as("agency-nso").get(entry + "/schemas/2").then().statusCode(200).body("properties.amount.maximum", equalTo(1000))
                .body("properties.note", equalTo(null));
        Api.as("agency-nso").get(entry + "/schemas/3").then().statusCode(404);
        dataset.put("V-2", TestDataset.record("V-2", 2));

        Map<String, String> dataschemas = TopicReader.settled(dataset, Duration.ofSeconds(60)).stream()
                .filter(m -> m.key().startsWith("V-"))
                .collect(Collectors.toMap(ConsumerRecord::key, m -> read(m.value()).get("dataschema").asText()));
        assertEquals(Map.of("V-1", schemaUri + 1, "V-2", schemaUri + 2), dataschemas);
        JsonNode page = JSON.readTree(Api.as(TestDataset.OWNER).get(dataset.recordsPath()).asString());
        Map<String, Integer> versions = new HashMap<>();
        page.get("items").forEach(item -> versions.put(item.get("key").asText(), item.get("schemaVersion").asInt()));
        assertEquals(1, versions.get("V-1"));
        assertEquals(2, versions.get("V-2"));
        assertEquals(Set.of("V-1", "V-2"), versions.keySet().stream().filter(k -> k.startsWith("V-"))
                .collect(Collectors.toSet()));
    }

    @Test
    void aSchemaWithNumbersWrittenOtherwiseThanPostgresqlWritesThemIsUnchangedWhenDefinedAgain() throws Exception {
        TestDataset dataset = TestDataset.create();
        // Stored, the enum reads back as [100, 2.50]: defined again as sent, it is the same schema, not one that
        // lost the value 1e2.
        String definition = JSON.writeValueAsString(withSchema(schema -> properties(schema).put("grade",
                Map.of("enum", List.of(1, 2))))).replace("\"enum\":[1,2]", "\"enum\":[1e2,2.50e0]");
        for (int round = 0; round < 2; round++) {
            Api.as("ldx-admin").contentType("application/json").body(definition)
                    .put("/v1/admin/datasets/" + dataset.id()).then().statusCode(200).body("schemaVersion", equalTo(1));
        }
        assertEquals("[100,2.50]", Api.as("agency-nso").get("/v1/catalog/datasets/" + dataset.id() + "/schemas/1")
                .then().statusCode(200).extract().asString().replaceAll("(?s).*\"enum\":\\s*(\\[[^]]*]).*", "$1")
                .replace(" ", ""));
    }

    private static io.restassured.response.Response define(TestDataset dataset, Map<String, Object> definition) {
        return Api.as("ldx-admin").contentType("application/json").body(definition)
                .put("/v1/admin/datasets/" + dataset.id());
    }

    /** The test dataset's definition, its schema changed by {@code change}. */
    private static Map<String, Object> withSchema(java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> definition = new LinkedHashMap<>(TestDataset.definition());
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = new LinkedHashMap<>((Map<String, Object>) definition.get("schema"));
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) schema.get("properties"));
        schema.put("properties", properties);
        change.accept(schema);
        definition.put("schema", schema);
        return definition;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.get("properties");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
