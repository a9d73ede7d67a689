package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.TopicReader;

/**
 * A number reaches every reader exactly as it was written, in full as PostgreSQL holds it: read as a double it
 * became the text "Infinity" (1e400), zero (1e-400) or lost its last digits. A number PostgreSQL could not hold
 * is refused, and nothing is written.
 */
@ExtendWith(LdxStack.class)
class NumbersTest {

    private static final String TYPE = "https://ldx.mol.go.th/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AMOUNT = Pattern.compile("\"amount\":\\s*(-?[0-9][0-9.eE+-]*)");

    /** The amounts as sent, and as every reader gets them (PostgreSQL's own form: no exponent, the scale kept). */
    private static final List<String> SENT = List.of("1e400", "1.50", "0.12345678901234567890123", "2.5e-30");
    private static final List<String> READ = List.of("1" + "0".repeat(400), "1.50", "0.12345678901234567890123",
            "0.0000000000000000000000000000025");

    @Test
    void aNumberReachesThePagesTheRecordTheExportTheChangeFeedAndTheTopicExactly() throws Exception {
        TestDataset dataset = decimalAmounts().grant("agency-nso", true);
        for (int n = 0; n < SENT.size(); n++) {
            Api.as(TestDataset.OWNER).contentType("application/json").body(record("N-" + n, n, SENT.get(n)))
                    .put(dataset.recordsPath() + "/N-" + n).then().statusCode(201);
        }

        assertEquals(READ, amounts(Api.reading("agency-nso").get(dataset.recordsPath()).then().statusCode(200)
                .extract().asString()));
        for (int n = 0; n < SENT.size(); n++) {
            assertEquals(List.of(READ.get(n)), amounts(Api.reading("agency-nso").get(dataset.recordsPath() + "/N-" + n)
                    .then().statusCode(200).extract().asString()));
        }
        assertEquals(READ, amounts(Api.as(TestDataset.OWNER).get("/v1/datasets/" + dataset.id() + "/export")
                .then().statusCode(200).extract().asString()));
        assertEquals(READ, amounts(Api.reading("agency-nso").get("/v1/datasets/" + dataset.id() + "/changes")
                .then().statusCode(200).extract().asString()));
        // The topic's partitions each keep their own order: each record's event is matched by its key.
        Map<String, List<String>> topic = new TreeMap<>();
        for (ConsumerRecord<String, String> message : TopicReader.settled(dataset, Duration.ofSeconds(60))) {
            topic.put(message.key(), amounts(message.value()));
        }
        assertEquals(READ, topic.values().stream().flatMap(List::stream).toList());
    }

    @Test
    void aNumberPostgresqlCouldNotHoldIsRefusedAloneOrInABatchAndNothingIsWritten() throws Exception {
        TestDataset dataset = decimalAmounts();

        Api.as(TestDataset.OWNER).contentType("application/json").body(record("N-9", 9, "1e131072"))
                .put(dataset.recordsPath() + "/N-9").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(TYPE + "malformed-request"))
                .body("errors[0].pointer", equalTo("/amount"))
                .body("errors[0].message", startsWith("is a number of more than 1,000 characters written out in full"));
        Api.as(TestDataset.OWNER).contentType("application/json")
                .body("{\"changes\":[{\"operation\":\"upsert\",\"data\":" + record("N-1", 1, "1") + "},"
                        + "{\"operation\":\"upsert\",\"data\":" + record("N-2", 2, "-1e-1000") + "}]}")
                .post(dataset.recordsPath() + ":batch").then().statusCode(400)
                .body("type", equalTo(TYPE + "invalid-batch"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].pointer", equalTo("/changes/1/data/amount"));

        Api.as(TestDataset.OWNER).get("/v1/datasets/" + dataset.id()).then().statusCode(200)
                .body("changeSeq", equalTo(0));
    }

    /** The test dataset with {@code amount} any number at all, not only a whole one. */
    @SuppressWarnings("unchecked")
    private static TestDataset decimalAmounts() {
        Map<String, Object> schema = new LinkedHashMap<>((Map<String, Object>) TestDataset.definition().get("schema"));
        Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) schema.get("properties"));
        properties.put("amount", Map.of("type", "number"));
        schema.put("properties", properties);
        return TestDataset.createWith(Map.of("schema", schema), Map.of());
    }

    /** A valid record as JSON text, its amount the number {@code amount} written as it is. */
    private static String record(String key, int n, String amount) throws JsonProcessingException {
        Map<String, Object> record = new LinkedHashMap<>(TestDataset.record(key, n));
        record.put("amount", 0);
        return JSON.writeValueAsString(record).replace("\"amount\":0", "\"amount\":" + amount);
    }

    private static List<String> amounts(String json) {
        Matcher amount = AMOUNT.matcher(json);
        return amount.results().map(match -> match.group(1)).toList();
    }
}
