package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.ChangeEventSchema;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.TopicReader;

/** An owner's change is committed with its outbox row and reaches Kafka as a CloudEvent, keyed by record key. */
@ExtendWith(LdxStack.class)
class ChangeEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void ownersChangeArrivesOnKafkaAsACloudEventWithTheRecordKey() throws Exception {
        TestDataset dataset = TestDataset.create();
        Map<String, Object> record = TestDataset.record("EMP-42", 42);
        Instant before = Instant.now().minusSeconds(1);

        JsonPath receipt = dataset.put("EMP-42", record);

        assertEquals("created", receipt.getString("outcome"));
        List<ConsumerRecord<String, String>> messages = TopicReader.settled(dataset, WAIT);
        assertEquals(1, messages.size(), "exactly one message");
        ConsumerRecord<String, String> message = messages.get(0);
        assertEquals("EMP-42", message.key());
        assertEquals("application/cloudevents+json",
                new String(message.headers().lastHeader("content-type").value(), StandardCharsets.US_ASCII));
        JsonNode event = JSON.readTree(message.value());
        assertEquals(List.of(), ChangeEventSchema.violations(event));
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals(receipt.getString("eventId"), event.get("id").asText());
        assertEquals("/ldx/datasets/" + dataset.id(), event.get("source").asText());
        assertEquals("th.go.mol.ldx.record.upserted", event.get("type").asText());
        assertEquals("EMP-42", event.get("subject").asText());
        Instant time = Instant.parse(event.get("time").asText());
        assertTrue(!time.isBefore(before) && !time.isAfter(Instant.now()), "time is when the change was made");
        assertEquals(JSON.valueToTree(record), event.get("data"));
        assertEquals(receipt.getLong("version"), event.get("sequence").asLong());
    }

    @Test
    void deleteIsPublishedAsADeleteEventThenATombstone() throws Exception {
        TestDataset dataset = TestDataset.create();
        dataset.put("D-1", TestDataset.record("D-1", 1));
        JsonPath receipt = dataset.delete("D-1");

        assertEquals("deleted", receipt.getString("outcome"));
        Api.as(TestDataset.OWNER).get(dataset.recordsPath() + "/D-1").then().statusCode(404)
                .body("type", equalTo("https://ldx.mol.go.th/problems/record-not-found"));
        List<ConsumerRecord<String, String>> messages = TopicReader.settled(dataset, WAIT);
        assertEquals(3, messages.size());
        JsonNode deleted = JSON.readTree(messages.get(1).value());
        assertEquals(List.of(), ChangeEventSchema.violations(deleted));
        assertEquals("th.go.mol.ldx.record.deleted", deleted.get("type").asText());
        assertEquals(receipt.getString("eventId"), deleted.get("id").asText());
        assertEquals("D-1", messages.get(2).key());
        assertNull(messages.get(2).value(), "tombstone");
    }

    @Test
    void writingARecordExactlyAsItIsPublishesNothing() {
        TestDataset dataset = TestDataset.create();
        Map<String, Object> record = TestDataset.record("U-1", 1);
        dataset.put("U-1", record);

        JsonPath again = dataset.put("U-1", record);

        assertEquals("unchanged", again.getString("outcome"));
        assertNull(again.get("eventId"));
        assertEquals(List.of("U-1"), TopicReader.settled(dataset, WAIT).stream().map(ConsumerRecord::key).toList(),
                "the first write only");
    }

    @Test
    void changesOfOneRecordArriveInTheOrderTheyWereMade() throws Exception {
        TestDataset dataset = TestDataset.create();
        for (int amount = 1; amount <= 20; amount++) {
            Map<String, Object> record = TestDataset.record("R-" + amount % 3, amount);
            dataset.put("R-" + amount % 3, record);
        }
        List<ConsumerRecord<String, String>> messages = TopicReader.settled(dataset, WAIT);
        assertEquals(20, messages.size());
        for (String key : List.of("R-0", "R-1", "R-2")) {
            List<Integer> amounts = messages.stream().filter(m -> m.key().equals(key))
                    .map(m -> data(m).get("amount").asInt()).toList();
            assertEquals(amounts.stream().sorted().toList(), amounts, "order of " + key);
        }
    }

    @Test
    void anotherDepartmentCannotWriteTheDataset() {
        TestDataset dataset = TestDataset.create();

        Api.as("dept-doe").contentType("application/json").body(TestDataset.record("Z-1", 1))
                .put(dataset.recordsPath() + "/Z-1")
                .then().statusCode(403).body("type", equalTo("https://ldx.mol.go.th/problems/not-owner"));
    }

    private static JsonNode data(ConsumerRecord<String, String> message) {
        try {
            return JSON.readTree(message.value()).get("data");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
