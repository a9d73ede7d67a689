package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.TopicReader;
import th.go.mol.ldx.e2e.support.Tokens;

/** The walking skeleton end to end, in the order a new partner agency meets it. */
@ExtendWith(LdxStack.class)
class PartnerJourneyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tokenThenGrantedReadThenRefusalsThenAChangeArrivesOnKafka() throws Exception {
        TestDataset granted = TestDataset.create().grant("agency-nso", false);
        TestDataset notGranted = TestDataset.create();
        granted.put("J-1", TestDataset.record("J-1", 1));

        String token = Tokens.of("agency-nso");
        Api.withToken(token).get(granted.recordsPath()).then().statusCode(403)
                .body("type", equalTo("https://ldx.mol.go.th/problems/purpose-required"))
                .body("allowedPurposes", equalTo(List.of(TestDataset.PURPOSE)));
        Api.withToken(token).header("LDX-Purpose", TestDataset.PURPOSE).get(granted.recordsPath()).then().statusCode(200)
                .header("LDX-Grant", granted.grantOf("agency-nso")).body("items", hasSize(1));
        Api.withToken(token).header("LDX-Purpose", TestDataset.PURPOSE).get(notGranted.recordsPath()).then().statusCode(403)
                .body("type", equalTo("https://ldx.mol.go.th/problems/not-granted"));
        Api.anonymous().get(granted.recordsPath()).then().statusCode(401);
        Api.withToken(Tokens.tampered("agency-nso", "agency-rd")).get(granted.recordsPath()).then().statusCode(401);
        Tokens.ShortLived expiring = Tokens.shortLived();
        expiring.awaitExpiry();
        Api.withToken(expiring.token()).get(granted.recordsPath()).then().statusCode(401);

        Map<String, Object> changed = TestDataset.record("J-1", 2);
        Instant before = Instant.now().minusSeconds(1);
        JsonPath receipt = granted.put("J-1", changed);
        assertEquals("updated", receipt.getString("outcome"));

        List<ConsumerRecord<String, String>> messages = TopicReader.settled(granted, Duration.ofSeconds(30));
        assertEquals(2, messages.size());
        ConsumerRecord<String, String> message = messages.get(1);
        JsonNode event = JSON.readTree(message.value());
        assertEquals("J-1", message.key());
        assertEquals(receipt.getString("eventId"), event.get("id").asText());
        assertEquals("/ldx/datasets/" + granted.id(), event.get("source").asText());
        assertEquals("th.go.mol.ldx.record.upserted", event.get("type").asText());
        assertEquals("J-1", event.get("subject").asText());
        assertEquals(true, !Instant.parse(event.get("time").asText()).isBefore(before));
        assertEquals(JSON.valueToTree(changed), event.get("data"));
        Api.withToken(token).header("LDX-Purpose", TestDataset.PURPOSE).get(granted.recordsPath() + "/J-1").then().statusCode(200)
                .body("data.amount", equalTo(2));
    }
}
