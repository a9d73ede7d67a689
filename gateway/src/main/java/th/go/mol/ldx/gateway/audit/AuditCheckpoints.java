package th.go.mol.ldx.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import th.go.mol.ldx.gateway.events.EventsConfig;
import th.go.mol.ldx.gateway.events.KafkaSettings;
import th.go.mol.ldx.gateway.events.TopicProvisioner;

/**
 * Publishes the head of the audit chain (sequence and hash) to a Kafka topic kept forever, every
 * {@code ldx.audit.checkpoint-interval} when it moved, so that a copy of the chain's state lives outside the
 * database: whoever can rewrite the table and recompute every hash still cannot match a checkpoint already taken
 * off-site. Every replica publishes the head it sees; the same head twice is harmless.
 */
@ApplicationScoped
public class AuditCheckpoints {

    private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);

    /** A published head of the chain, and when it was read. */
    public record Checkpoint(long seq, String hash, Instant at) {
    }

    private final AuditConfig config;
    private final AuditLog log;
    private final TopicProvisioner topics;
    private final KafkaSettings kafka;
    private final EventsConfig events;
    private final ObjectMapper json;
    private ScheduledExecutorService timer;
    private KafkaProducer<String, String> producer;
    private long published;

    AuditCheckpoints(AuditConfig config, AuditLog log, TopicProvisioner topics, KafkaSettings kafka,
            EventsConfig events, ObjectMapper json) {
        this.config = config;
        this.log = log;
        this.topics = topics;
        this.kafka = kafka;
        this.events = events;
        this.json = json;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ldx-audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.checkpointInterval().toMillis();
        timer.scheduleWithFixedDelay(this::publish, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(1));
        }
    }

    /** Publishes the head if it moved since this gateway last did; a failure waits for the next turn. */
    private void publish() {
        try {
            AuditLog.Head head = log.head();
            if (head.seq() == published) {
                return;
            }
            topics.ensureAuditTopic(config.checkpointTopic());
            Checkpoint checkpoint = new Checkpoint(head.seq(), head.hash(), Instant.now());
            producer().send(new ProducerRecord<>(config.checkpointTopic(), "audit-head",
                    json.writeValueAsString(checkpoint))).get(events.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
            published = head.seq();
        } catch (RuntimeException | ExecutionException | TimeoutException | JsonProcessingException e) {
            LOG.warnf("the audit head could not be published off-site, will retry: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(kafka.with(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) events.kafkaTimeout().toMillis())),
                    new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** How many of the last checkpoints {@link #latest()} looks at: replicas may publish out of order. */
    private static final int LOOK_BACK = 20;

    /**
     * The checkpoint with the highest sequence among the last ones on the topic (replicas publish the heads they
     * read, not always in order), or empty when none was published yet.
     */
    public Optional<Checkpoint> latest() {
        TopicPartition partition = new TopicPartition(config.checkpointTopic(), 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.with(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) events.kafkaTimeout().toMillis())),
                new StringDeserializer(), new StringDeserializer())) {
            if (consumer.partitionsFor(config.checkpointTopic()).isEmpty()) {
                return Optional.empty();
            }
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            if (end == 0) {
                return Optional.empty();
            }
            consumer.assign(List.of(partition));
            consumer.seek(partition, Math.max(0, end - LOOK_BACK));
            Checkpoint highest = null;
            long deadline = System.nanoTime() + events.kafkaTimeout().toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the last audit checkpoints could not be read within "
                            + events.kafkaTimeout());
                }
                for (ConsumerRecord<String, String> message : consumer.poll(Duration.ofMillis(200))) {
                    Checkpoint checkpoint = json.readValue(message.value(), Checkpoint.class);
                    if (highest == null || checkpoint.seq() > highest.seq()) {
                        highest = checkpoint;
                    }
                }
            }
            return Optional.ofNullable(highest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the last audit checkpoint is not valid JSON", e);
        }
    }
}
