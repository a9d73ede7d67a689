package th.go.mol.ldx.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.Devstack;
import th.go.mol.ldx.devstack.GatewayServer;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.TopicReader;

/**
 * The transactional outbox in practice: a committed change reaches Kafka exactly once per event id, in order per
 * record key, although the broker or the gateway is killed (SIGKILL) while changes are being written and published.
 */
@ExtendWith(LdxStack.class)
class NothingLostTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The relay's check in the answer of /q/health/well. */
    private static final String RELAY = "checks.find { it.name == 'Kafka outbox relay' }";

    @Test
    void brokerKilledWhileChangesAreWrittenLosesNoneOfThem() {
        Devstack stack = LdxStack.stack();
        TestDataset dataset = TestDataset.create();
        List<String> eventIds = new ArrayList<>();
        writeChanges(dataset, 1, 40, eventIds);

        stack.kafka().kill();
        try {
            writeChanges(dataset, 41, 60, eventIds);
            // A gateway that starts while Kafka is down still becomes ready and takes the relay's lead.
            stack.gateway().kill();
            stack.gateway().start();
            writeChanges(dataset, 61, 70, eventIds);
            // Still ready: reads and writes go on, only publishing waits; the relay reports Kafka as unwell.
            Api.operations().get("/q/health/ready").then().statusCode(200);
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    Api.operations().get("/q/health/well").then().statusCode(503)
                            .body(RELAY + ".status", equalTo("DOWN"))
                            .body(RELAY + ".data.role", equalTo("leader"))
                            .body(RELAY + ".data.pendingChanges",
                                    greaterThanOrEqualTo(1)));
        } finally {
            stack.kafka().start();
        }
        writeChanges(dataset, 71, 80, eventIds);

        assertExactlyOnceInKeyOrder(dataset, eventIds);
        Awaitility.await().atMost(WAIT).untilAsserted(() ->
                Api.operations().get("/q/health/well").then().statusCode(200));
    }

    @Test
    void changesSentInATransactionThatCannotCommitStayPendingAndArriveOnce() {
        Devstack stack = LdxStack.stack();
        TestDataset dataset = TestDataset.create();
        List<String> eventIds = new ArrayList<>();
        writeChanges(dataset, 1, 5, eventIds);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> Api.operations().get("/q/health/well").then().statusCode(200)
                .body(RELAY + ".data.pendingChanges", equalTo(0)));

        // A hung broker takes what the relay sends and never answers: the commit of those 20 changes fails.
        stack.kafka().pause();
        try {
            eventIds.addAll(dataset.load(n -> "H-" + n, 1, 20).getList("receipts.eventId"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    Api.operations().get("/q/health/well").then().statusCode(503)
                            .body(RELAY + ".status", equalTo("DOWN"))
                            .body(RELAY + ".data.lastProblem", notNullValue())
                            .body(RELAY + ".data.pendingChanges",
                                    greaterThanOrEqualTo(20)));
        } finally {
            stack.kafka().resume();
        }

        assertExactlyOnceInKeyOrder(dataset, eventIds);
        Awaitility.await().atMost(WAIT).untilAsserted(() ->
                Api.operations().get("/q/health/well").then().statusCode(200));
    }

    @Test
    void gatewayKilledWhilePublishingNeitherLosesNorRepeatsAnEvent() {
        Devstack stack = LdxStack.stack();
        TestDataset dataset = TestDataset.create();
        List<String> eventIds = new ArrayList<>();
        writeChanges(dataset, 1, 300, eventIds);

        stack.gateway().kill();
        stack.gateway().start();

        writeChanges(dataset, 301, 350, eventIds);
        assertExactlyOnceInKeyOrder(dataset, eventIds);
    }

    @Test
    void twoReplicasAcceptWritesButOnlyOneRelaysAndTheOtherTakesOverWhenItDies() {
        Devstack stack = LdxStack.stack();
        TestDataset dataset = TestDataset.create();
        List<String> eventIds = new ArrayList<>();
        writeChanges(dataset, 1, 20, eventIds);
        try (GatewayServer replica = stack.startReplica("gateway-replica")) {
            assertEquals("standby", relayRole(replica.baseUrl()), "the first gateway keeps the relay");
            writeChanges(dataset, 21, 60, eventIds, n -> n % 2 == 0 ? stack.gateway().baseUrl() : replica.baseUrl());

            stack.gateway().kill();
            try {
                Awaitility.await().atMost(WAIT).until(() -> "leader".equals(relayRole(replica.baseUrl())));
                writeChanges(dataset, 61, 80, eventIds, n -> replica.baseUrl());
                assertExactlyOnceInKeyOrder(dataset, replica.baseUrl(), eventIds);
            } finally {
                stack.gateway().start();
            }
        }
    }

    private static String relayRole(String gateway) {
        return given().baseUri(gateway).get("/q/health/well").then().extract()
                .path(RELAY + ".data.role");
    }

    /** Changes n = from..to, spread over 7 keys so that each key changes many times; collects their event ids. */
    private static void writeChanges(TestDataset dataset, int from, int to, List<String> eventIds) {
        writeChanges(dataset, from, to, eventIds, n -> LdxStack.stack().gateway().baseUrl());
    }

    /** The same, change n sent through the gateway replica {@code gatewayOf(n)}. */
    private static void writeChanges(TestDataset dataset, int from, int to, List<String> eventIds,
            IntFunction<String> gatewayOf) {
        for (int n = from; n <= to; n++) {
            String key = "K-" + n % 7;
            eventIds.add(dataset.putVia(gatewayOf.apply(n), key, TestDataset.record(key, n)).getString("eventId"));
        }
    }

    private static void assertExactlyOnceInKeyOrder(TestDataset dataset, List<String> eventIds) {
        assertExactlyOnceInKeyOrder(dataset, LdxStack.stack().gateway().baseUrl(), eventIds);
    }

    /** The same, the topic's end proven through the gateway at {@code gateway}. */
    private static void assertExactlyOnceInKeyOrder(TestDataset dataset, String gateway, List<String> eventIds) {
        List<ConsumerRecord<String, String>> messages = TopicReader.settled(dataset, gateway, WAIT);
        List<String> published = messages.stream().map(m -> field(m, "id")).toList();
        assertEquals(eventIds.size(), published.size(), "one message per committed change, no more");
        assertEquals(new HashSet<>(eventIds), new HashSet<>(published), "the events of exactly these changes");
        Map<String, List<Long>> sequencesByKey = messages.stream().collect(Collectors.groupingBy(
                ConsumerRecord::key, Collectors.mapping(m -> Long.parseLong(field(m, "sequence")), Collectors.toList())));
        sequencesByKey.forEach((key, sequences) ->
                assertEquals(sequences.stream().sorted().toList(), sequences, "order of record " + key));
    }

    private static String field(ConsumerRecord<String, String> message, String name) {
        try {
            return JSON.readTree(message.value()).get(name).asText();
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
