package th.go.mol.ldx.gateway.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Publishes the change log to Kafka: each dataset's changes in sequence order, keyed by record key, in Kafka
 * transactions that also carry the relay's checkpoint. Kafka being down only delays publishing: the changes wait in
 * PostgreSQL, and the relay resumes from the committed checkpoint when Kafka is back.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final EventsConfig config;
    private final KafkaSettings kafka;
    private final ChangeLogReader changeLog;
    private final ChangeEvents events;
    private final TopicProvisioner topics;
    private final RelayCheckpoints checkpoints;
    private final RelayLeadership leadership;
    private final Counter published;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(
            task -> new Thread(task, "ldx-outbox-relay"));

    /** Null until the relay has a producer; dropped after any Kafka failure and made again, with fresh positions. */
    private KafkaProducer<String, byte[]> producer;
    /** Last published sequence per dataset: read from the checkpoints on connect, advanced after each commit. */
    private Map<String, Long> position = Map.of();
    private volatile RelayStatus status = new RelayStatus(false, false, -1, "not started");
    /** Since when (System.nanoTime) the running cycle has made no progress, or 0 between cycles: Kafka hanging shows here first. */
    private volatile long waitingSince;

    /**
     * Whether this gateway runs the relay (a standby runs none), whether it can publish, how many committed changes
     * wait for it, and why it last paused.
     */
    public record RelayStatus(boolean leader, boolean connected, long pendingChanges, String lastProblem) {

        public boolean healthy() {
            return !leader || connected;
        }
    }

    OutboxRelay(EventsConfig config, KafkaSettings kafka, ChangeLogReader changeLog, ChangeEvents events,
            TopicProvisioner topics, RelayCheckpoints checkpoints, RelayLeadership leadership, MeterRegistry metrics) {
        this.config = config;
        this.kafka = kafka;
        this.changeLog = changeLog;
        this.events = events;
        this.topics = topics;
        this.checkpoints = checkpoints;
        this.leadership = leadership;
        this.published = Counter.builder("ldx.events.published").description("Change events committed to Kafka")
                .register(metrics);
    }

    void start(@Observes StartupEvent startup) {
        loop.scheduleWithFixedDelay(this::publishPending, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets a running batch finish (its transaction commits or aborts as a whole), then closes the producer. */
    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        loop.shutdown();
        loop.awaitTermination(config.kafkaTimeout().toMillis(), TimeUnit.MILLISECONDS);
        disconnect();
        leadership.release();
    }

    private void publishPending() {
        waitingSince = System.nanoTime();
        boolean leading = false;
        try {
            leading = leadership.lead();
            if (!leading) {
                disconnect();
                status = new RelayStatus(false, false, -1, null);
                return;
            }
            if (producer == null) {
                connect();
            }
            Map<String, Long> heads = changeLog.heads();
            for (Map.Entry<String, Long> head : heads.entrySet()) {
                publish(head.getKey(), head.getValue());
            }
            status = new RelayStatus(true, true, pending(heads), null);
        } catch (RuntimeException e) {
            LOG.warnf("publishing change events paused, will retry: %s", e.toString());
            disconnect();
            status = new RelayStatus(leading, false, pendingOrUnknown(), e.toString());
        } finally {
            waitingSince = 0;
        }
    }

    private long pendingOrUnknown() {
        try {
            return pending(changeLog.heads());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** The last cycle's outcome, or a problem if the current cycle has been waiting on Kafka too long. */
    public RelayStatus status() {
        long since = waitingSince;
        Duration waiting = since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
        if (waiting.compareTo(config.kafkaTimeout()) > 0) {
            return new RelayStatus(true, false, status.pendingChanges(),
                    "publishing has waited " + waiting.toSeconds() + " s for Kafka");
        }
        return status;
    }

    private long pending(Map<String, Long> heads) {
        // A batch may publish changes newer than the heads read at the start of the cycle: those count as none pending.
        return heads.entrySet().stream()
                .mapToLong(h -> Math.max(0, h.getValue() - position.getOrDefault(h.getKey(), 0L))).sum();
    }

    private void connect() {
        topics.ensureCheckpointTopic();
        KafkaProducer<String, byte[]> fresh = new KafkaProducer<>(kafka.with(Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.kafkaTimeout().toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis() / 2,
                // A transaction left open by a crash blocks the next relay until the broker aborts it: keep that short.
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) config.kafkaTimeout().toMillis() * 2,
                ProducerConfig.LINGER_MS_CONFIG, 5)),
                new StringSerializer(), new ByteArraySerializer());
        try {
            // Fences an earlier relay with the same id and settles its open transaction before we read the checkpoints.
            fresh.initTransactions();
            position = checkpoints.read();
            producer = fresh;
            LOG.infof("relay connected to Kafka; checkpoints %s", position);
        } catch (RuntimeException e) {
            fresh.close(Duration.ZERO);
            throw e;
        }
    }

    private void publish(String datasetId, long head) {
        long from = position.getOrDefault(datasetId, 0L);
        while (from < head) {
            List<PendingChange> batch = changeLog.after(datasetId, from, config.batchSize());
            if (batch.isEmpty()) {
                return;
            }
            topics.ensureDatasetTopic(datasetId);
            String topic = config.topicOf(datasetId);
            long last = batch.get(batch.size() - 1).seq();
            producer.beginTransaction();
            for (PendingChange change : batch) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, change.key(),
                        events.serialize(events.toEvent(change)));
                record.headers().add("content-type", events.contentType().getBytes(StandardCharsets.US_ASCII));
                send(record);
                if (change.delete()) {
                    send(new ProducerRecord<>(topic, change.key(), null));
                }
            }
            send(new ProducerRecord<>(config.checkpointTopic(), datasetId,
                    Long.toString(last).getBytes(StandardCharsets.US_ASCII)));
            producer.commitTransaction();
            position.put(datasetId, last);
            published.increment(batch.size());
            waitingSince = System.nanoTime();
            from = last;
        }
    }

    /**
     * Sends within the open transaction. A send that Kafka refuses before it leaves (no metadata within the timeout,
     * producer in error) comes back as an already failed future, not an exception: stop the batch there, or every
     * further send of the batch would wait the full timeout again.
     */
    private void send(ProducerRecord<String, byte[]> record) {
        Future<RecordMetadata> sent = producer.send(record);
        if (sent.isDone()) {
            try {
                sent.get();
            } catch (ExecutionException e) {
                throw new KafkaException("Kafka refused a change event: " + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while publishing", e);
            }
        }
    }

    private void disconnect() {
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
        producer = null;
    }
}
