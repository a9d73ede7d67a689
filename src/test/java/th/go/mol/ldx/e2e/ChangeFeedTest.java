package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.TopicReader;

/**
 * The change feed over HTTP is the caller's topic: a partner reads exactly the events of its agency topic (ids,
 * types, projections, pseudonyms, sequences; without the tombstones), an owner those of the dataset topic, in
 * sequence order, page after page through {@code Link}.
 */
@ExtendWith(LdxStack.class)
class ChangeFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final java.util.regex.Pattern NEXT = java.util.regex.Pattern.compile("<([^>]+)>; rel=\"next\"");

    @Test
    void aPartnerReadsTheEventsOfItsTopicAndTheOwnerThoseOfTheDatasetTopic() throws Exception {
        TestDataset dataset = TestDataset.create();
        // Bangkok and Chiang Mai only (n % 4 of 0 and 2), amount and national ID (pseudonymised), not the name.
        dataset.grant("agency-rd", Map.of("fields", List.of("nationalId", "amount", "provinceCode"),
                "rows", Map.of("provinceCode", Map.of("in", List.of("10", "50")))));
        String topic = "ldx.agency.agency-rd." + dataset.id();
        TopicReader.following(dataset, topic, WAIT);
        long followed = Api.as(TestDataset.OWNER).get("/v1/datasets/" + dataset.id()).then().statusCode(200)
                .extract().jsonPath().getLong("changeSeq");

        dataset.load(n -> "F-" + n, 0, 7);
        dataset.put("F-0", TestDataset.record("F-0", 4));
        dataset.put("F-2", TestDataset.record("F-2", 1));
        dataset.put("F-1", TestDataset.record("F-1", 5));
        dataset.put("F-3", TestDataset.record("F-3", 2));
        dataset.delete("F-4");
        dataset.delete("F-5");
        List<ConsumerRecord<String, String>> datasetTopic = TopicReader.settled(dataset, WAIT);

        List<JsonNode> agencyEvents = events(TopicReader.everything(topic), followed);
        List<JsonNode> partnerFeed = feed(() -> Api.reading("agency-rd"), dataset, followed, 2);
        assertEquals(agencyEvents, partnerFeed);
        List<String> kinds = partnerFeed.stream().map(e -> e.get("subject").asText() + " " + e.get("type").asText()
                .replace("th.go.mol.ldx.record.", "")).toList();
        // F-2 leaves the rows (a delete), F-3 comes in, F-4 is deleted; F-1 and F-5 are never the agency's.
        assertEquals(List.of("F-0 upserted", "F-2 upserted", "F-4 upserted", "F-6 upserted", "F-0 upserted",
                "F-2 deleted", "F-3 upserted", "F-4 deleted", "SETTLED upserted"),
                kinds.stream().map(k -> k.startsWith("SETTLED-") ? "SETTLED" + k.substring(k.indexOf(' ')) : k).toList());
        List<JsonNode> ownerFeed = feed(() -> Api.as(TestDataset.OWNER), dataset, 0, 5);
        Map<String, JsonNode> whole = new HashMap<>();
        ownerFeed.forEach(event -> whole.put(event.get("id").asText(), event));
        for (JsonNode event : partnerFeed) {
            JsonNode stored = whole.get(event.get("id").asText());
            assertEquals(stored.get("sequence"), event.get("sequence"), "one change, one event id: " + event);
            if (event.has("data")) {
                // The schema version the record was checked against, on the agency's topic and feed as on the owner's.
                assertEquals(stored.get("dataschema"), event.get("dataschema"), "dataschema of " + event);
                assertTrue(event.get("dataschema").asText().endsWith("/datasets/" + dataset.id()
                        + "/schemas/1"), event.get("dataschema").asText());
                assertFalse(event.get("data").has("name"), "the grant does not show names: " + event);
                assertNotEquals(stored.get("data").get("nationalId"), event.get("data").get("nationalId"),
                        "national IDs reach the agency as its pseudonyms");
            }
        }

        assertEquals(events(datasetTopic, 0), ownerFeed.stream().filter(e -> !e.get("subject").asText()
                .startsWith("SETTLED-")).toList());
        assertEquals(followed + 15, ownerFeed.get(ownerFeed.size() - 1).get("sequence").asLong(),
                "the owner's feed is the whole log, the marker last");
    }

    @Test
    void anAnswerSaysWhereTheNextOneStartsAndAFeedAtItsHeadHasNoNextLink() {
        TestDataset dataset = TestDataset.create();
        dataset.grant("agency-rd", Map.of("fields", List.of("amount"),
                "rows", Map.of("provinceCode", Map.of("in", List.of("90")))));
        dataset.load(n -> "H-" + n, 0, 9);
        String changes = "/v1/datasets/" + dataset.id() + "/changes";
        // Only H-3 and H-7 are in Songkhla: a page of one event, then one more, then the head.
        Response first = Api.reading("agency-rd").queryParam("limit", 1).get(changes);
        first.then().statusCode(200).body("items.subject", equalTo(List.of("H-3"))).body("next", equalTo(4));
        Response second = Api.reading("agency-rd").get(changes + "?after=4&limit=1");
        second.then().statusCode(200).body("items.subject", equalTo(List.of("H-7"))).body("next", equalTo(8));
        Response head = Api.reading("agency-rd").get(changes + "?after=8");
        head.then().statusCode(200).body("items", equalTo(List.of())).body("next", equalTo(10));
        assertEquals(null, head.header("Link"));
        Api.reading("agency-rd").get(changes + "?after=10").then().statusCode(200).body("next", equalTo(10));

        Api.reading("agency-rd").get(changes + "?after=11").then().statusCode(400)
                .body("type", equalTo("https://ldx.mol.go.th/problems/invalid-parameter"))
                .body("errors.pointer", hasItem("after"));
        Api.reading("agency-rd").get(changes + "?after=-1").then().statusCode(400).body("errors.pointer", hasItem("after"));
        Api.reading("agency-nso").get(changes).then().statusCode(403);
    }

    /** The feed's events after {@code after}, every answer followed through its {@code Link}. */
    private static List<JsonNode> feed(Supplier<RequestSpecification> caller, TestDataset dataset, long after,
            int limit) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        String url = "/v1/datasets/" + dataset.id() + "/changes?after=" + after + "&limit=" + limit;
        int answers = 0;
        while (url != null) {
            Response answer = caller.get().get(url);
            answer.then().statusCode(200);
            JsonNode items = JSON.readTree(answer.asString()).get("items");
            assertTrue(items.size() <= limit);
            items.forEach(events::add);
            String link = answer.header("Link");
            Matcher next = link == null ? null : NEXT.matcher(link);
            url = next != null && next.find() ? next.group(1) : null;
            assertTrue(++answers < 100, "the feed ends");
        }
        return events;
    }

    /** A topic's events after a sequence, in sequence order, tombstones left out. */
    private static List<JsonNode> events(List<ConsumerRecord<String, String>> messages, long after) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (ConsumerRecord<String, String> message : messages) {
            if (message.value() != null) {
                JsonNode event = JSON.readTree(message.value());
                if (event.get("sequence").asLong() > after) {
                    events.add(event);
                }
            }
        }
        events.sort(Comparator.comparingLong(e -> e.get("sequence").asLong()));
        return events;
    }
}
