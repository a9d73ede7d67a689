package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.TopicReader;

/**
 * History bound to the grant, tried as an auditor would: an agency granted a dataset after some changes and a
 * deletion asks its change feed for everything since the dataset began, and reads its topic from the start. Neither
 * serves a change from before the grant, nor anything of the record deleted before it: the feed refuses (410) and
 * starts at the grant's approval; the topic starts with the snapshot of the grant's back-fill.
 */
@ExtendWith(LdxStack.class)
class HistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SYNC = Duration.ofSeconds(120);
    private static final String NSO = "agency-nso";

    @Test
    void aGrantsChangeFeedAndTopicBeginAtItsSnapshotWithoutTheRecordsDeletedBefore() throws Exception {
        TestDataset dataset = TestDataset.create();
        dataset.load(n -> "S-" + n, 1, 10);
        dataset.put("S-3", TestDataset.record("S-3", 103));
        dataset.put("S-GONE", TestDataset.record("S-GONE", 77));
        dataset.delete("S-GONE");
        long before = changeSeq(dataset);
        String grant = dataset.grant(NSO, Map.of("fields", List.of("nationalId", "amount"), "identified", false));
        long historyAfter = Api.as(NSO).get("/v1/grants/" + grant).then().statusCode(200).extract().jsonPath()
                .getLong("historyAfter");
        assertEquals(before, historyAfter, "the grant's history begins at the dataset's sequence at its approval");
        String changes = "/v1/datasets/" + dataset.id() + "/changes";

        for (long after : List.of(0L, historyAfter - 1)) {
            Api.reading(NSO).get(changes + "?after=" + after).then().statusCode(410)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://ldx.mol.go.th/problems/history-before-grant"))
                    .body("errors.pointer", equalTo(List.of("after")));
        }
        dataset.put("S-4", TestDataset.record("S-4", 204));
        Response feed = Api.reading(NSO).get(changes + "?after=" + historyAfter);
        feed.then().statusCode(200);
        List<String> subjects = feed.jsonPath().getList("items.subject");
        assertEquals(List.of("S-4"), subjects, "only the changes after the grant's approval");
        // The owner department reads its own whole history, the deleted record's included.
        assertTrue(Api.as(TestDataset.OWNER).get(changes + "?after=0&limit=1000").then().statusCode(200).extract()
                .jsonPath().getList("items.subject").contains("S-GONE"));
        // A snapshot tells the agency where to follow: the export's sequence is within the grant's history.
        long exported = Long.parseLong(Api.reading(NSO).get("/v1/datasets/" + dataset.id() + "/export").then()
                .statusCode(200).extract().header("LDX-Sequence"));
        assertTrue(exported >= historyAfter, exported + " >= " + historyAfter);
        Api.reading(NSO).get(changes + "?after=" + exported).then().statusCode(200);

        String topic = "ldx.agency." + NSO + "." + dataset.id();
        TopicReader.following(dataset, topic, SYNC);
        Map<String, Set<Integer>> amounts = new TreeMap<>();
        List<String> keys = new ArrayList<>();
        for (ConsumerRecord<String, String> message : TopicReader.everything(topic)) {
            keys.add(message.key());
            JsonNode data = message.value() == null ? null : JSON.readTree(message.value()).get("data");
            if (data != null && !data.isNull()) {
                amounts.computeIfAbsent(message.key(), k -> new HashSet<>()).add(data.get("amount").asInt());
            }
        }
        assertFalse(keys.contains("S-GONE"), "the record deleted before the grant never reaches its topic");
        assertEquals(Set.of(103), amounts.get("S-3"), "S-3 as it was at the grant, not its earlier version");
        assertTrue(Set.of(4, 204).containsAll(amounts.get("S-4")) && amounts.get("S-4").contains(204),
                "S-4 at the grant's snapshot, then its change: " + amounts.get("S-4"));
        for (int n : List.of(1, 2, 5, 6, 7, 8, 9, 10)) {
            assertEquals(Set.of(n), amounts.get("S-" + n), "S-" + n + " once, as at the snapshot");
        }
    }

    /**
     * A renewal on the same terms goes on with the history of the grant it replaces (a copy following it is not cut
     * off); new terms start a history of their own, as the topic's back-fill does.
     */
    @Test
    void aRenewalOnTheSameTermsContinuesItsHistoryAndNewTermsStartANewOne() {
        TestDataset dataset = TestDataset.create();
        dataset.load(n -> "R-" + n, 1, 3);
        Map<String, Object> terms = Map.of("fields", List.of("amount"), "identified", false);
        String first = dataset.grant(NSO, terms);
        long firstHistory = historyOf(first);
        dataset.load(n -> "R-" + n, 4, 6);
        String renewal = dataset.grant(NSO, terms);
        assertEquals(firstHistory, historyOf(renewal), "the same terms: the same history");
        Api.reading(NSO).get("/v1/datasets/" + dataset.id() + "/changes?after=" + firstHistory).then().statusCode(200)
                .body("items.subject", equalTo(List.of("R-4", "R-5", "R-6")));
        String wider = dataset.grant(NSO, Map.of("fields", List.of("amount", "provinceCode"), "identified", false));
        assertEquals(changeSeq(dataset), historyOf(wider), "new terms: a history of their own");
        Api.reading(NSO).get("/v1/datasets/" + dataset.id() + "/changes?after=" + firstHistory).then().statusCode(410);
    }

    /**
     * After a revocation the agency's topic was deleted: a grant on the same terms approved later starts a history of
     * its own, and one approved to take effect later begins with the last change before its validFrom, never at its
     * approval (a record written and deleted in between is not its history).
     */
    @Test
    void aGrantAfterARevocationOrTakingEffectLaterBeginsAtItsOwnStart() {
        TestDataset dataset = TestDataset.create();
        dataset.load(n -> "G-" + n, 1, 3);
        Map<String, Object> terms = Map.of("fields", List.of("amount"), "identified", false);
        String first = dataset.grant(NSO, terms);
        Api.as("ldx-admin").contentType("application/json").body(Map.of("reason", "paused"))
                .post("/v1/grants/" + first + "/revoke").then().statusCode(200);
        dataset.load(n -> "G-" + n, 4, 5);
        String again = dataset.grant(NSO, terms);
        assertEquals(changeSeq(dataset), historyOf(again), "a new history after the revocation");
        Api.as("ldx-admin").contentType("application/json").body(Map.of("reason", "paused again"))
                .post("/v1/grants/" + again + "/revoke").then().statusCode(200);

        Instant from = Instant.now().plusSeconds(4);
        String scheduled = dataset.request(NSO, Map.of("fields", List.of("amount"), "identified", false,
                "validFrom", from.toString())).then().statusCode(201).extract().path("id");
        Api.as("ldx-admin").contentType("application/json").body(Map.of()).post("/v1/grants/" + scheduled + "/approve")
                .then().statusCode(200).body("state", equalTo("scheduled"));
        dataset.put("G-LATE", TestDataset.record("G-LATE", 9));
        dataset.delete("G-LATE");
        long beforeValidFrom = changeSeq(dataset);
        Awaitility.await("the scheduled grant in effect").atMost(Duration.ofSeconds(20))
                .until(() -> Api.reading(NSO).get(dataset.recordsPath()).statusCode() == 200);
        Api.reading(NSO).get("/v1/datasets/" + dataset.id() + "/changes?after=0").then().statusCode(410)
                .body("errors[0].message", equalTo("must be at least " + beforeValidFrom));
        Api.reading(NSO).get("/v1/datasets/" + dataset.id() + "/changes?after=" + beforeValidFrom).then()
                .statusCode(200).body("items", equalTo(List.of()));
    }

    private static long historyOf(String grant) {
        return Api.as(NSO).get("/v1/grants/" + grant).then().statusCode(200).extract().jsonPath().getLong("historyAfter");
    }

    private static long changeSeq(TestDataset dataset) {
        return Api.as(TestDataset.OWNER).get("/v1/datasets/" + dataset.id()).then().statusCode(200).extract()
                .jsonPath().getLong("changeSeq");
    }
}
