package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.TopicReader;

/**
 * An owner publishes many records in one request: all of them or, when one is invalid, none, with every invalid
 * record named; a retried batch with the same Idempotency-Key is applied once.
 */
@ExtendWith(LdxStack.class)
class BatchIngestTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEMS = "https://ldx.mol.go.th/problems/";
    private static final String UPSERTED = "th.go.mol.ldx.record.upserted";
    private static final String DELETED = "th.go.mol.ldx.record.deleted";

    @Test
    void oneBadRecordAmongAThousandRefusesTheBatchNamingItAndNothingIsWrittenOrPublished() {
        TestDataset dataset = TestDataset.create();
        List<Map<String, Object>> changes = upserts("B-", 1, 1000);
        Map<String, Object> bad = new LinkedHashMap<>(TestDataset.record("B-618", 618));
        String nationalId = (String) bad.get("nationalId");
        bad.put("nationalId", nationalId.substring(0, 12) + (char) ('0' + (nationalId.charAt(12) - '0' + 1) % 10));
        changes.set(617, Map.of("operation", "upsert", "data", bad));

        dataset.batch(changes).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invalid-batch"))
                .body("detail", equalTo("1 of 1000 changes are invalid; no change was applied."))
                .body("errors.size()", equalTo(1))
                .body("errors[0].index", equalTo(617))
                .body("errors[0].key", equalTo("B-618"))
                .body("errors[0].pointer", equalTo("/changes/617/data/nationalId"))
                .body("errors[0].message", equalTo("is not a Thai national ID (13 digits, the last a valid check digit)"));

        Api.as(TestDataset.OWNER).get("/v1/datasets/" + dataset.id()).then().statusCode(200)
                .body("changeSeq", equalTo(0));
        dataset.grant("agency-nso", true);
        Api.reading("agency-nso").get(dataset.recordsPath()).then().statusCode(200).body("items.size()", equalTo(0));
        assertEquals(List.of(), keysOnTopic(dataset), "nothing published");
    }

    @Test
    void aBatchUpdatesDeletesAndLeavesAloneInItsOrderWithGapFreeSequences() {
        TestDataset dataset = TestDataset.create();
        dataset.batch(upserts("U-", 1, 4)).then().statusCode(200).body("created", equalTo(4));
        Map<String, Object> changed = TestDataset.record("U-1", 101);
        List<Map<String, Object>> changes = List.of(
                Map.of("operation", "upsert", "data", changed),
                Map.of("operation", "upsert", "data", TestDataset.record("U-2", 2)),
                Map.of("operation", "delete", "key", "U-3"),
                Map.of("operation", "delete", "key", "U-9"),
                Map.of("operation", "upsert", "data", TestDataset.record("U-5", 5)));

        JsonPath receipt = dataset.batch(changes).then().statusCode(200)
                .body("changes", equalTo(5)).body("created", equalTo(1)).body("updated", equalTo(1))
                .body("unchanged", equalTo(1)).body("deleted", equalTo(1)).body("absent", equalTo(1))
                .extract().jsonPath();

        assertEquals(List.of("U-1", "U-2", "U-3", "U-9", "U-5"), receipt.getList("receipts.key"));
        assertEquals(List.of("updated", "unchanged", "deleted", "absent", "created"), receipt.getList("receipts.outcome"));
        // Real changes take the next sequences in the batch's order; an unchanged record keeps its version.
        assertEquals(List.of(5, 2, 6, 0, 7), receipt.getList("receipts.version", Integer.class));
        List<String> eventIds = receipt.getList("receipts.eventId");
        assertEquals(3, eventIds.stream().filter(Objects::nonNull).distinct().count());
        assertNull(eventIds.get(1));
        assertNull(eventIds.get(3));
        Api.as(TestDataset.OWNER).get("/v1/datasets/" + dataset.id()).then().statusCode(200).body("changeSeq", equalTo(7));
        Api.as(TestDataset.OWNER).get(dataset.recordsPath() + "/U-1").then().statusCode(200)
                .body("data.amount", equalTo(101)).body("version", equalTo(5));
        Api.as(TestDataset.OWNER).get(dataset.recordsPath() + "/U-3").then().statusCode(404);
        List<String> published = TopicReader.settled(dataset, WAIT).stream().filter(m -> m.value() != null)
                .map(m -> JsonPath.from(m.value())).sorted(Comparator.comparingLong(e -> Long.parseLong(e.getString("sequence"))))
                .map(e -> e.getString("sequence") + " " + e.getString("subject") + " " + e.getString("type")).toList();
        assertEquals(List.of("1 U-1 " + UPSERTED, "2 U-2 " + UPSERTED, "3 U-3 " + UPSERTED, "4 U-4 " + UPSERTED,
                "5 U-1 " + UPSERTED, "6 U-3 " + DELETED, "7 U-5 " + UPSERTED), published);
    }

    @Test
    void everyInvalidChangeIsListedWithItsIndexKeyAndPointer() {
        TestDataset dataset = TestDataset.create();
        Map<String, Object> wrongProvinceAndDate = new LinkedHashMap<>(TestDataset.record("E-1", 1));
        wrongProvinceAndDate.put("provinceCode", "99");
        wrongProvinceAndDate.put("registeredOn", "2563-02-30");
        Map<String, Object> withoutKey = new LinkedHashMap<>(TestDataset.record("E-2", 2));
        withoutKey.remove("id");
        List<Map<String, Object>> changes = Arrays.asList(
                Map.of("operation", "upsert", "data", TestDataset.record("E-0", 0)),
                Map.of("operation", "upsert", "data", wrongProvinceAndDate),
                Map.of("operation", "upsert", "data", withoutKey),
                Map.of("operation", "delete", "key", "E-0"),
                Map.of("operation", "delete", "key", "E-3", "data", TestDataset.record("E-3", 3)),
                Map.of("operation", "upsert", "key", "E-4", "data", TestDataset.record("E-5", 5)),
                Map.of("key", "E-6", "data", TestDataset.record("E-6", 6)),
                null);

        JsonPath problem = dataset.batch(changes).then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-batch"))
                .body("detail", equalTo("7 of 8 changes are invalid; no change was applied."))
                .extract().jsonPath();

        Set<String> listed = problem.getList("errors", Map.class).stream()
                .map(e -> e.get("index") + " " + e.get("key") + " " + e.get("pointer")).collect(Collectors.toSet());
        assertEquals(Set.of("1 E-1 /changes/1/data/provinceCode", "1 E-1 /changes/1/data/registeredOn",
                "2 null /changes/2/key", "3 E-0 /changes/3/key", "4 E-3 /changes/4/data", "5 E-4 /changes/5/data/id",
                "6 E-6 /changes/6/operation", "7 null /changes/7"),
                listed);
        assertEquals(List.of(), keysOnTopic(dataset), "nothing published, not even the valid change");
    }

    @Test
    void aBatchWithMoreErrorsThanAreListedInFullStillNamesEveryInvalidChange() {
        TestDataset dataset = TestDataset.create();
        List<Map<String, Object>> changes = new ArrayList<>();
        for (int n = 0; n < 800; n++) {
            Map<String, Object> record = new LinkedHashMap<>(TestDataset.record("M-" + n, n));
            record.put("provinceCode", "99");
            record.put("registeredOn", "2024-02-30");
            changes.add(Map.of("operation", "upsert", "data", record));
        }
        changes.add(Map.of("operation", "upsert", "data", TestDataset.record("M-ok", 1)));

        JsonPath problem = dataset.batch(changes).then().statusCode(400)
                .body("detail", equalTo("800 of 801 changes are invalid; no change was applied. Of their 1600 errors,"
                        + " the first of each invalid change is listed."))
                .extract().jsonPath();

        List<Integer> indexes = problem.getList("errors.index", Integer.class);
        assertEquals(IntStream.range(0, 800).boxed().toList(), indexes, "each invalid change once, in order");
        Api.as(TestDataset.OWNER).get("/v1/datasets/" + dataset.id()).then().statusCode(200)
                .body("changeSeq", equalTo(0));
    }

    @Test
    void aRetriedBatchIsAppliedOnceAndAnswersTheSameReceipt() throws Exception {
        TestDataset dataset = TestDataset.create();
        dataset.load(n -> "I-" + n, 1, 3);
        List<Map<String, Object>> changes = upserts("I-", 3, 52);
        changes.add(Map.of("operation", "delete", "key", "I-1"));
        changes.add(Map.of("operation", "delete", "key", "I-404"));
        String key = UUID.randomUUID().toString();

        Response first = batch(dataset, key, changes);
        first.then().statusCode(200).header("Idempotent-Replayed", "false")
                .body("changes", equalTo(52)).body("created", equalTo(49)).body("unchanged", equalTo(1))
                .body("deleted", equalTo(1)).body("absent", equalTo(1));
        Response retry = batch(dataset, "\"" + key + "\"", changes);

        retry.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getMap(""), retry.jsonPath().getMap(""), "the same receipt");
        List<String> keys = keysOnTopic(dataset);
        assertEquals(3 + 49 + 1, keys.size(), "three loaded, then the batch's 50 changes once: " + keys);
        assertEquals(Map.of("I-1", 2L), duplicates(keys), "I-1 loaded then deleted, nothing else twice");
    }

    @Test
    void aBatchRetriedAfterASchemaVersionItsRecordsBreakAnswersItsFirstReceipt() {
        TestDataset dataset = TestDataset.create();
        List<Map<String, Object>> changes = upserts("S-", 1, 3);
        String key = UUID.randomUUID().toString();
        Response first = batch(dataset, key, changes);
        first.then().statusCode(200).header("Idempotent-Replayed", "false");

        // Version 2 requires a field the batch's records lack.
        Map<String, Object> definition = new LinkedHashMap<>(TestDataset.definition());
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = new LinkedHashMap<>((Map<String, Object>) definition.get("schema"));
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) schema.get("properties"));
        properties.put("note", Map.of("type", "string"));
        schema.put("properties", properties);
        schema.put("required", List.of("id", "nationalId", "amount", "note"));
        definition.put("schema", schema);
        definition.put("schemaVersion", 2);
        Api.as("ldx-admin").contentType("application/json").body(definition).put("/v1/admin/datasets/" + dataset.id())
                .then().statusCode(200).body("schemaVersion", equalTo(2));

        Response retry = batch(dataset, key, changes);

        retry.then().statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getMap(""), retry.jsonPath().getMap(""), "the first receipt");
        batch(dataset, UUID.randomUUID().toString(), changes).then().statusCode(400)
                .body("type", equalTo(PROBLEMS + "invalid-batch"));
        // The change log, which the topics carry, holds the first batch's three changes and nothing since.
        Api.as(TestDataset.OWNER).get("/v1/datasets/" + dataset.id() + "/changes").then().statusCode(200)
                .body("items.subject", equalTo(List.of("S-1", "S-2", "S-3"))).body("next", equalTo(3));
    }

    @Test
    void twoCopiesSentAtOnceAreAppliedOnce() throws Exception {
        TestDataset dataset = TestDataset.create();
        List<Map<String, Object>> changes = upserts("C-", 1, 200);
        String key = UUID.randomUUID().toString();

        CompletableFuture<Response> one = CompletableFuture.supplyAsync(() -> batch(dataset, key, changes));
        CompletableFuture<Response> other = CompletableFuture.supplyAsync(() -> batch(dataset, key, changes));

        List<Response> answers = List.of(one.get(), other.get());
        answers.forEach(a -> a.then().statusCode(200));
        assertEquals(Set.of("true", "false"),
                answers.stream().map(a -> a.header("Idempotent-Replayed")).collect(Collectors.toSet()));
        assertEquals(200, keysOnTopic(dataset).size());
    }

    @Test
    void aKeyReusedForAnotherBatchIsRefusedAndChangesNothing() {
        TestDataset dataset = TestDataset.create();
        String key = UUID.randomUUID().toString();
        batch(dataset, key, upserts("K-", 1, 2)).then().statusCode(200);

        batch(dataset, key, upserts("K-", 3, 4)).then().statusCode(422)
                .body("type", equalTo(PROBLEMS + "idempotency-key-reused"));
        Api.as(TestDataset.OWNER).contentType("application/json").header("Idempotency-Key", "has space")
                .body(Map.of("changes", upserts("K-", 5, 5))).post(dataset.recordsPath() + ":batch")
                .then().statusCode(400).body("type", equalTo(PROBLEMS + "invalid-parameter"))
                .body("errors[0].pointer", equalTo("Idempotency-Key"));

        assertEquals(List.of("K-1", "K-2"), keysOnTopic(dataset).stream().sorted().toList());
    }

    @Test
    void onlyTheOwnerPublishesAndABatchOverTheLimitIsRefusedWhole() {
        TestDataset dataset = TestDataset.create();

        Api.as("dept-doe").contentType("application/json").body(Map.of("changes", upserts("O-", 1, 1)))
                .post(dataset.recordsPath() + ":batch").then().statusCode(403)
                .body("type", equalTo(PROBLEMS + "not-owner"));
        dataset.batch(upserts("O-", 1, LdxStack.BATCH_MAX_CHANGES + 1)).then().statusCode(413)
                .body("type", equalTo(PROBLEMS + "body-too-large"));
        dataset.batch(List.of()).then().statusCode(400);

        assertEquals(List.of(), keysOnTopic(dataset));
    }

    private static List<Map<String, Object>> upserts(String prefix, int first, int last) {
        List<Map<String, Object>> changes = new ArrayList<>();
        for (int n = first; n <= last; n++) {
            changes.add(Map.of("operation", "upsert", "data", TestDataset.record(prefix + n, n)));
        }
        return changes;
    }

    private static Response batch(TestDataset dataset, String idempotencyKey, List<Map<String, Object>> changes) {
        return Api.as(TestDataset.OWNER).contentType("application/json").header("Idempotency-Key", idempotencyKey)
                .body(Map.of("changes", changes)).post(dataset.recordsPath() + ":batch");
    }

    /** The keys of every change event of the dataset (tombstones left out), once all that was written is on the topic. */
    private static List<String> keysOnTopic(TestDataset dataset) {
        return TopicReader.settled(dataset, WAIT).stream().filter(m -> m.value() != null).map(ConsumerRecord::key)
                .toList();
    }

    private static Map<String, Long> duplicates(List<String> keys) {
        Map<String, Long> counts = new HashMap<>();
        keys.forEach(k -> counts.merge(k, 1L, Long::sum));
        counts.values().removeIf(c -> c == 1);
        return counts;
    }
}
