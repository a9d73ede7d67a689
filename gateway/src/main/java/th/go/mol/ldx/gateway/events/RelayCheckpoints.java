package th.go.mol.ldx.gateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.IsolationLevel;

/**
 * How far each dataset and each agency topic has been published, as Kafka itself knows it. The relay writes a checkpoint into the
 * same transaction as each batch of events, so the last committed checkpoint is exactly what consumers can see:
 * after any crash the relay resumes there, and no event is published twice or skipped.
 */
@ApplicationScoped
public class RelayCheckpoints {

    /** The last published change sequence per dataset id, and the state of each agency topic by topic name. */
    public record Checkpoints(Map<String, Long> datasets, Map<String, Feed> feeds) {
    }

    private final EventsConfig config;
    private final KafkaSettings kafka;
    private final ObjectMapper json;

    RelayCheckpoints(EventsConfig config, KafkaSettings kafka, ObjectMapper json) {
        this.config = config;
        this.kafka = kafka;
        this.json = json;
    }

    /** The checkpoint of a dataset topic: key the dataset id, value its last published sequence. */
    public ProducerRecord<String, byte[]> of(String datasetId, long sequence) {
        return new ProducerRecord<>(config.checkpointTopic(), datasetId, Long.toString(sequence).getBytes(StandardCharsets.US_ASCII));
    }

    /** The checkpoint of an agency topic: key the topic, value the feed as JSON. */
    public ProducerRecord<String, byte[]> of(Feed feed) {
        try {
            return new ProducerRecord<>(config.checkpointTopic(), feed.topic(), json.writeValueAsBytes(feed));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a feed checkpoint cannot be written", e);
        }
    }

    /** Forgets an agency topic that is about to be deleted. */
    public ProducerRecord<String, byte[]> forget(String topic) {
        return new ProducerRecord<>(config.checkpointTopic(), topic, null);
    }

    public Checkpoints read() {
        TopicPartition partition = new TopicPartition(config.checkpointTopic(), 0);
        Map<String, Object> settings = kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis()));
        Map<String, Long> datasets = new HashMap<>();
        Map<String, Feed> feeds = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + config.kafkaTimeout().toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading relay checkpoints timed out");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!record.key().startsWith(config.agencyTopicPrefix())) {
                        datasets.put(record.key(), Long.parseLong(new String(record.value(), StandardCharsets.US_ASCII)));
                    } else if (record.value() == null) {
                        feeds.remove(record.key());
                    } else {
                        feeds.put(record.key(), feed(record.value()));
                    }
                }
            }
        }
        return new Checkpoints(datasets, feeds);
    }

    private Feed feed(byte[] value) {
        try {
            return json.readValue(value, Feed.class);
        } catch (IOException e) {
            throw new IllegalStateException("a feed checkpoint cannot be read", e);
        }
    }
}
