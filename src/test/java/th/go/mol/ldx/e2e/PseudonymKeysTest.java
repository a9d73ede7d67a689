package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.demo.DemoParties;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.Pseudonyms;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.Tokens;
import th.go.mol.ldx.e2e.support.TopicReader;

/**
 * Pseudonym domains and keys, tried as an auditor would: an agency's pseudonyms of a person are the same in its two
 * datasets and differ from another agency's; an administrator's rotation of its key changes every pseudonym it is
 * shown, on REST at once and on its topic once back-filled, each event naming the key version, while other
 * agencies keep theirs; no pseudonym it held before is shown again.
 */
@ExtendWith(LdxStack.class)
class PseudonymKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SYNC = Duration.ofSeconds(120);
    private static final String NSO = "agency-nso";
    private static final int RECORDS = 20;

    @Test
    void aRotatedKeyChangesEveryPseudonymOfItsAgencyOnRestAtOnceAndOnItsTopicAfterBackFill() throws Exception {
        String agency = "e2e-keys-" + UUID.randomUUID().toString().substring(0, 8);
        DemoParties.Credential credential = LdxStack.stack().parties().newAgency(agency, "bulk");
        String token = Tokens.of(credential);
        TestDataset first = TestDataset.create();
        TestDataset second = TestDataset.create();
        List<String> grants = new ArrayList<>();
        for (TestDataset dataset : List.of(first, second)) {
            dataset.load(n -> String.format("P-%03d", n), 1, RECORDS);
            String grant = Api.withToken(token).contentType("application/json").body(Map.of("datasetId", dataset.id(),
                            "fields", List.of("nationalId", "amount"), "identified", false,
                            "purposes", List.of(TestDataset.PURPOSE),
                            "validUntil", Instant.now().plusSeconds(86_400).toString()))
                    .post("/v1/grants").then().statusCode(201).extract().path("id");
            Api.as("ldx-admin").contentType("application/json").body(Map.of())
                    .post("/v1/grants/" + grant + "/approve").then().statusCode(200);
            grants.add(grant);
        }
        first.grant(NSO, Map.of("fields", List.of("nationalId", "amount"), "identified", false));
        String topic = "ldx.agency." + agency + "." + first.id();
        TopicReader.following(first, topic, SYNC);

        Map<String, String> before = shown(token, first);
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> rotated = new TreeMap<>();
        for (int n = 1; n <= RECORDS; n++) {
            String key = String.format("P-%03d", n);
            String id = (String) TestDataset.record(key, n).get("nationalId");
            expected.put(key, Pseudonyms.of(agency, 1, id));
            rotated.put(key, Pseudonyms.of(agency, 2, id));
        }
        before.keySet().retainAll(expected.keySet());
        assertEquals(expected, before, "the agency's pseudonyms under the first version of its key");
        Map<String, String> inSecond = shown(token, second);
        inSecond.keySet().retainAll(expected.keySet());
        assertEquals(before, inSecond, "one domain: the agency links a person across its own datasets");
        Map<String, String> nso = shown(Tokens.of(NSO), first);
        nso.keySet().retainAll(expected.keySet());
        for (String key : expected.keySet()) {
            assertNotEquals(before.get(key), nso.get(key), "two agencies never share a pseudonym: " + key);
        }
        Api.withToken(token).get("/v1/me").then().statusCode(200).body("pseudonymKey", equalTo(1));

        Api.as("ldx-admin").post("/v1/admin/organisations/" + agency + "/pseudonym-key/rotate").then().statusCode(200)
                .body("pseudonymKey.version", equalTo(2));

        // REST: from the next read once the grants' cache (ldx.grants.cache-ttl, 1 s) has let the old terms go, on
        // every dataset of the agency, which stay one domain.
        for (TestDataset dataset : List.of(first, second)) {
            Awaitility.await("REST shows the rotated pseudonyms of " + dataset.id()).atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        Map<String, String> now = shown(token, dataset);
                        now.keySet().retainAll(rotated.keySet());
                        return now.equals(rotated);
                    });
        }
        Set<String> old = new HashSet<>(expected.values());
        assertTrue(rotated.values().stream().noneMatch(old::contains), "no pseudonym it held is shown again");
        Api.withToken(token).get("/v1/me").then().statusCode(200).body("pseudonymKey", equalTo(2));
        Map<String, String> nsoNow = shown(Tokens.of(NSO), first);
        nsoNow.keySet().retainAll(expected.keySet());
        assertEquals(nso, nsoNow, "another agency's pseudonyms do not change");

        // Kafka: the topic is back-filled; the last message of every key holds the new pseudonym and says its key.
        Awaitility.await("the topic back-filled under the new key").atMost(SYNC).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Map<String, String> last = TopicReader.lastNationalIdOfEachKey(topic);
                    last.keySet().retainAll(expected.keySet());
                    return last.equals(rotated);
                });
        for (ConsumerRecord<String, String> message : TopicReader.everything(topic)) {
            JsonNode event = message.value() == null ? null : JSON.readTree(message.value());
            if (event != null && event.has("data") && rotated.get(message.key()) != null
                    && rotated.get(message.key()).equals(event.path("data").path("nationalId").asText())) {
                assertEquals("2", event.path("pseudonymkey").asText(), "the event names the key version: " + event);
            } else if (event != null && event.has("data") && expected.containsKey(message.key())) {
                assertEquals("1", event.path("pseudonymkey").asText(), "the event names the key version: " + event);
            }
        }
        Map<String, Object> changed = TestDataset.record("P-001", 1);
        changed.put("amount", 1001);
        first.put("P-001", changed);
        long historyAfter = Api.withToken(token).get("/v1/grants/" + grants.get(0)).then().statusCode(200).extract()
                .jsonPath().getLong("historyAfter");
        String feed = Api.withToken(token).header("LDX-Purpose", TestDataset.PURPOSE)
                .get("/v1/datasets/" + first.id() + "/changes?after=" + historyAfter + "&limit=1000").then()
                .statusCode(200).extract().asString();
        assertTrue(feed.contains(rotated.get("P-001")) && !feed.contains(before.get("P-001")),
                "the change feed shows the new pseudonym, never the old: " + feed);
        Api.as("ldx-admin").post("/v1/admin/organisations/dept-sso/pseudonym-key/rotate").then().statusCode(400);
    }

    /** The national ID of each record the caller is shown on a page, by key. */
    private static Map<String, String> shown(String token, TestDataset dataset) {
        Map<String, String> shown = new TreeMap<>();
        Api.withToken(token).header("LDX-Purpose", TestDataset.PURPOSE).queryParam("limit", 1000)
                .get(dataset.recordsPath()).then().statusCode(200).extract().jsonPath().getList("items", Map.class)
                .forEach(item -> shown.put((String) item.get("key"), (String) ((Map<?, ?>) item.get("data"))
                        .get("nationalId")));
        return shown;
    }
}
