package th.go.mol.ldx.gateway.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.IsolationLevel;

/**
 * How far each dataset has been published, as Kafka itself knows it. The relay writes a checkpoint into the
 * same transaction as each batch of events, so the last committed checkpoint is exactly what consumers can see:
 * after any crash the relay resumes there, and no event is published twice or skipped.
 */
@ApplicationScoped
public class RelayCheckpoints {

    private final EventsConfig config;
    private final KafkaSettings kafka;

    RelayCheckpoints(EventsConfig config, KafkaSettings kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    /** Last published change sequence per dataset id. */
    public Map<String, Long> read() {
        TopicPartition partition = new TopicPartition(config.checkpointTopic(), 0);
        Map<String, Object> settings = kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis()));
        Map<String, Long> checkpoints = new HashMap<>();
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
                    checkpoints.put(record.key(), Long.parseLong(new String(record.value(), StandardCharsets.US_ASCII)));
                }
            }
        }
        return checkpoints;
    }
}
