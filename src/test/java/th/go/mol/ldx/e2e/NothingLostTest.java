package th.go.mol.ldx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.Devstack;
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

    @Test
    void changesWrittenWhileKafkaIsDownArePublishedWhenItComesBack() {
        Devstack stack = LdxStack.stack();
        TestDataset dataset = TestDataset.create();
        List<String> eventIds = new ArrayList<>();
        eventIds.add(dataset.put("K-0", TestDataset.record("K-0", 0)).getString("eventId"));

        stack.kafka().kill();
        try {
            for (int n = 1; n <= 30; n++) {
                String key = "K-" + n % 4;
                eventIds.add(dataset.put(key, TestDataset.record(key, n)).getString("eventId"));
            }
            Api.operations().get("/q/health/ready").then().statusCode(503);
        } finally {
            stack.kafka().start();
        }

        assertExactlyOnceInKeyOrder(dataset, eventIds);
    }

    @Test
    void gatewayKilledWhilePublishingNeitherLosesNorRepeatsAnEvent() {
        Devstack stack = LdxStack.stack();
        TestDataset dataset = TestDataset.create();
        List<String> eventIds = new ArrayList<>();
        for (int n = 1; n <= 300; n++) {
            String key = "G-" + n % 50;
            eventIds.add(dataset.put(key, TestDataset.record(key, n)).getString("eventId"));
        }

        stack.gateway().kill();
        stack.gateway().start();

        for (int n = 301; n <= 350; n++) {
            String key = "G-" + n % 50;
            eventIds.add(dataset.put(key, TestDataset.record(key, n)).getString("eventId"));
        }
        assertExactlyOnceInKeyOrder(dataset, eventIds);
    }

    private static void assertExactlyOnceInKeyOrder(TestDataset dataset, List<String> eventIds) {
        try (TopicReader reader = new TopicReader(dataset.topic())) {
            List<ConsumerRecord<String, String>> messages = reader.read(eventIds.size(), WAIT);
            List<String> published = messages.stream().map(m -> field(m, "id")).toList();
            assertEquals(eventIds.size(), published.size(), "one message per committed change, no more");
            assertEquals(new HashSet<>(eventIds), new HashSet<>(published), "the events of exactly these changes");
            Map<String, List<Long>> sequencesByKey = messages.stream().collect(Collectors.groupingBy(
                    ConsumerRecord::key, Collectors.mapping(m -> Long.parseLong(field(m, "sequence")), Collectors.toList())));
            sequencesByKey.forEach((key, sequences) ->
                    assertEquals(sequences.stream().sorted().toList(), sequences, "order of record " + key));
        }
    }

    private static String field(ConsumerRecord<String, String> message, String name) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(message.value()).get(name).asText();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
