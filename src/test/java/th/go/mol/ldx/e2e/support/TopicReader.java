package th.go.mol.ldx.e2e.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a dataset topic as a partner would: committed transactions only, from the beginning. */
public final class TopicReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicReader() {
    }

    /**
     * Every committed message of a dataset's topic once everything written to the dataset so far is on it, in
     * partition and offset order. The proof is a positive signal, not a wait: a marker record is written last, and
     * since the relay publishes a dataset's changes in sequence order, the marker's arrival means every earlier change
     * is on the topic, so nothing more can arrive for them. The marker is left out of the answer.
     */
    public static List<ConsumerRecord<String, String>> settled(TestDataset dataset, Duration timeout) {
        return settled(dataset, LdxStack.stack().gateway().baseUrl(), timeout);
    }

    /** The same, the marker written through the gateway at {@code gateway} (when the first one is down). */
    public static List<ConsumerRecord<String, String>> settled(TestDataset dataset, String gateway, Duration timeout) {
        String marker = "SETTLED-" + UUID.randomUUID();
        dataset.putVia(gateway, marker, dataset.marker(marker));
        awaitKey(dataset.topic(), marker, timeout);
        return everything(dataset.topic()).stream().filter(message -> !marker.equals(message.key())).toList();
    }

    /**
     * Waits until an agency topic follows its dataset's changes as they happen: a marker record written now arrives
     * on it. (A new grant's topic starts with a back-fill of what the dataset holds when the relay sees the grant,
     * which it reads at most a poll interval after the approval; a change made before then arrives as that state.)
     */
    public static void following(TestDataset dataset, String topic, Duration timeout) {
        String marker = "FOLLOWING-" + UUID.randomUUID();
        dataset.put(marker, dataset.marker(marker));
        awaitKey(topic, marker, timeout);
    }

    private static void awaitKey(String topic, String key, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LdxStack.stack().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> message : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(message.key())) {
                        return;
                    }
                }
            }
            throw new AssertionError("record " + key + " did not arrive on " + topic + " within " + timeout);
        }
    }

    /**
     * The national ID in the last message of each key on an agency topic: what a compacted topic keeps of each key.
     * A delete or a tombstone drops the key.
     */
    public static Map<String, String> lastNationalIdOfEachKey(String topic) {
        Map<String, String> last = new TreeMap<>();
        for (ConsumerRecord<String, String> message : everything(topic)) {
            JsonNode data = message.value() == null ? null : data(message.value());
            if (data == null || data.isNull()) {
                last.remove(message.key());
            } else {
                last.put(message.key(), data.get("nationalId").asText());
            }
        }
        return last;
    }

    private static JsonNode data(String event) {
        try {
            return JSON.readTree(event).get("data");
        } catch (JsonProcessingException e) {
            throw new AssertionError("an event that is no JSON: " + event, e);
        }
    }

    /** Every committed message of a topic, partition by partition in offset order, read on the internal listener. */
    public static List<ConsumerRecord<String, String>> everything(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LdxStack.stack().kafka().bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> all = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("reading " + topic + " to its end took over a minute");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
            all.sort(Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset));
            return all;
        }
    }
}
