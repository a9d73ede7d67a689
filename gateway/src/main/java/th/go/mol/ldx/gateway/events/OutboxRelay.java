package th.go.mol.ldx.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import th.go.mol.ldx.gateway.access.AccessPolicy;
import th.go.mol.ldx.gateway.access.ActiveGrants;
import th.go.mol.ldx.gateway.access.GrantTerms;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;
import th.go.mol.ldx.gateway.events.ChangeLogReader.Chunk;

/**
 * Publishes the change log to Kafka: each dataset's changes in sequence order, keyed by record key, to the dataset
 * topic whole and to the topic of each agency holding a grant in effect as that grant shows them, in Kafka
 * transactions that also carry the relay's checkpoints. A new or changed grant back-fills its agency topic; an ended
 * one has its topic deleted (ADR 007). Kafka being down only delays publishing: the changes wait in PostgreSQL, and
 * the relay resumes from the committed checkpoints when Kafka is back.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Longest one dataset keeps the relay before the other datasets get a turn. */
    private static final Duration TURN = Duration.ofSeconds(1);
    private static final byte[] CONTENT_TYPE = ChangeEvents.CONTENT_TYPE.getBytes(StandardCharsets.US_ASCII);

    private final EventsConfig config;
    private final KafkaSettings kafka;
    private final ChangeLogReader changeLog;
    private final ChangeEvents events;
    private final TopicProvisioner topics;
    private final RelayCheckpoints checkpoints;
    private final RelayLeadership leadership;
    private final ActiveGrants grants;
    private final DatasetCatalog catalog;
    private final FeedProjector projector;
    private final Counter published;
    private final Counter projected;
    private final Timer steps;
    private final ChangeSignal signal;
    private final Thread loop = new Thread(this::run, "ldx-outbox-relay");
    private volatile boolean running = true;

    /** Null until the relay has a producer; dropped after any Kafka failure and made again, with fresh positions. */
    private KafkaProducer<String, byte[]> producer;
    /**
     * The last step's transaction, sent but not yet committed: the next step is read and built while its batches
     * travel to the broker, and commits it just before it begins its own. Null between turns.
     */
    private Sent open;
    /**
     * Last sequence sent per dataset: read from the checkpoints on connect, advanced as each step is sent (the next
     * step starts there), and read again from the checkpoints after any failure.
     */
    private Map<String, Long> position = Map.of();
    /** Last sequence committed per dataset: what the relay's status counts as published. */
    private Map<String, Long> committed = Map.of();
    /** What each agency topic holds, by topic: read from the checkpoints on connect, advanced as each step is sent. */
    private Map<String, Feed> feeds = Map.of();
    /** The grants in effect per dataset and agency (null before the first read), and when (System.nanoTime) read. */
    private Map<String, Map<String, GrantTerms>> granted;
    private long grantedAt;
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
            TopicProvisioner topics, RelayCheckpoints checkpoints, RelayLeadership leadership, ActiveGrants grants,
            DatasetCatalog catalog, FeedProjector projector, ChangeSignal signal, MeterRegistry metrics) {
        this.config = config;
        this.kafka = kafka;
        this.changeLog = changeLog;
        this.events = events;
        this.topics = topics;
        this.checkpoints = checkpoints;
        this.leadership = leadership;
        this.grants = grants;
        this.catalog = catalog;
        this.projector = projector;
        this.signal = signal;
        this.published = Counter.builder("ldx.events.published").description("Change events committed to Kafka")
                .register(metrics);
        this.projected = Counter.builder("ldx.events.projected")
                .description("Events committed to agency topics, back-fills included").register(metrics);
        this.steps = Timer.builder("ldx.events.step")
                .description("One publishing step: read changes and a back-fill chunk, commit the step before, send")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    void start(@Observes StartupEvent startup) {
        loop.start();
    }

    /** Lets a running batch finish (its transaction commits or aborts as a whole), then closes the producer. */
    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        loop.join(config.kafkaTimeout().toMillis());
        disconnect();
        leadership.release();
    }

    /**
     * Publishes what is pending, then waits for a commit to signal more (or for the poll interval at most), and
     * lets at least {@code ldx.events.linger} pass between the starts of two turns: under a steady stream of
     * commits, a few changes per Kafka transaction rather than one each keep the broker's per-transaction work
     * (commit markers on every partition) from piling up.
     */
    private void run() {
        while (running) {
            long started = System.nanoTime();
            publishPending();
            try {
                signal.await(config.pollInterval());
                long rest = config.linger().toNanos() - (System.nanoTime() - started);
                if (rest > 0) {
                    TimeUnit.NANOSECONDS.sleep(rest);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void publishPending() {
        waitingSince = System.nanoTime();
        boolean leading = false;
        try {
            boolean more = true;
            while (more && running) {
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
                more = false;
                for (Map.Entry<String, Long> head : heads.entrySet()) {
                    more |= publish(head.getKey(), head.getValue());
                }
                status = new RelayStatus(true, true, pending(heads), null);
            }
        } catch (RuntimeException e) {
            LOG.warnf("publishing change events paused, will retry: %s", e.toString());
            disconnect();
            status = new RelayStatus(leading, false, pendingOrUnknown(), e.toString());
        } finally {
            waitingSince = 0;
        }
    }

    /** Per agency, the grant in effect on a dataset, as the approved grants were read at most a poll interval ago. */
    private Map<String, GrantTerms> grantedOn(String datasetId) {
        if (granted == null || System.nanoTime() - grantedAt > config.pollInterval().toNanos()) {
            granted = grantsInEffect();
            grantedAt = System.nanoTime();
        }
        return granted.getOrDefault(datasetId, Map.of());
    }

    /** Per dataset, per agency: the grant in effect now. */
    private Map<String, Map<String, GrantTerms>> grantsInEffect() {
        Instant now = Instant.now();
        Map<String, Map<String, GrantTerms>> inEffect = new HashMap<>();
        grants.approved().stream()
                .collect(Collectors.groupingBy(GrantTerms::datasetId, Collectors.groupingBy(GrantTerms::agency)))
                .forEach((datasetId, byAgency) -> byAgency.forEach((agency, approved) ->
                        AccessPolicy.inEffect(approved, now).ifPresent(grant ->
                                inEffect.computeIfAbsent(datasetId, d -> new HashMap<>()).put(agency, grant))));
        return inEffect;
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
                .mapToLong(h -> Math.max(0, h.getValue() - committed.getOrDefault(h.getKey(), 0L))).sum();
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
                // A transaction carries up to batch-size changes and their agency projections (megabytes): large
                // produce batches take fewer requests, which the broker and this producer's sender thread pay for.
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                // The producer keeps asking (and warning) about a topic it wrote to until it has been idle this
                // long: a deleted agency topic is forgotten in seconds rather than the default five minutes.
                ProducerConfig.METADATA_MAX_IDLE_CONFIG, 10_000,
                ProducerConfig.LINGER_MS_CONFIG, 5)),
                new StringSerializer(), new ByteArraySerializer());
        try {
            // Fences an earlier relay with the same id and settles its open transaction before we read the checkpoints.
            fresh.initTransactions();
            RelayCheckpoints.Checkpoints read = checkpoints.read();
            position = new HashMap<>(read.datasets());
            committed = new HashMap<>(read.datasets());
            feeds = new HashMap<>(read.feeds());
            // An agency topic without a checkpoint belongs to a grant that ended (or to a feed that never committed).
            topics.agencyTopics().stream().filter(topic -> !feeds.containsKey(topic)).forEach(topics::delete);
            producer = fresh;
            LOG.infof("relay connected to Kafka; checkpoints %s; agency topics %s", position, feeds.keySet());
        } catch (RuntimeException e) {
            fresh.close(Duration.ZERO);
            throw e;
        }
    }

    /**
     * What a sent transaction makes true once it commits: a dataset's committed sequence, the counters, and the
     * back-fills it completes (logged then).
     */
    private record Sent(String datasetId, long position, long published, int projected, List<Feed> backfilled) {
    }

    /**
     * Publishes what a dataset's topic and its agency topics lack, until they are all at {@code head} or the time
     * of one turn is up; true when work is left. Every transaction of the turn is committed when it returns.
     */
    private boolean publish(String datasetId, long head) {
        Dataset dataset = align(datasetId, grantedOn(datasetId));
        long deadline = System.nanoTime() + TURN.toNanos();
        while (behind(datasetId, head)) {
            if (System.nanoTime() > deadline) {
                commitOpen();
                return true;
            }
            long started = System.nanoTime();
            step(datasetId, dataset, head);
            // A grant revoked, expired or changed, or the dataset's national IDs, during a long turn act at the next
            // step, not at the next turn; that step projects with the definition the feeds were aligned with.
            dataset = align(datasetId, grantedOn(datasetId));
            waitingSince = System.nanoTime();
            steps.record(waitingSince - started, TimeUnit.NANOSECONDS);
        }
        commitOpen();
        return false;
    }

    /**
     * Commits the last step's transaction. The positions and feeds already say what it holds: if the commit fails,
     * the relay disconnects and reads them again from the committed checkpoints.
     */
    private void commitOpen() {
        if (open != null) {
            producer.commitTransaction();
            committed.put(open.datasetId(), open.position());
            published.increment(open.published());
            projected.increment(open.projected());
            open.backfilled().forEach(feed -> LOG.infof("topic %s back-filled; it follows the changes from sequence %d",
                    feed.topic(), feed.position()));
            open = null;
        }
    }

    private boolean behind(String datasetId, long head) {
        return position.getOrDefault(datasetId, 0L) < head
                || feedsOf(datasetId).stream().anyMatch(feed -> feed.backfilling() || feed.position() < head);
    }

    private List<Feed> feedsOf(String datasetId) {
        return feeds.values().stream().filter(feed -> feed.datasetId().equals(datasetId)).toList();
    }

    /**
     * Gives each grant in effect its agency topic, with the grant's current terms and the dataset's national IDs
     * now, and deletes the topic of each grant that ended: first its checkpoint (in a transaction), then the topic
     * and all it held. Answers the definition the feeds were aligned with (null when no grant is in effect, and no
     * feed is left): the one to project them with.
     */
    private Dataset align(String datasetId, Map<String, GrantTerms> granted) {
        for (Feed feed : feedsOf(datasetId)) {
            if (!granted.containsKey(feed.terms().agency())) {
                commitOpen();
                producer.beginTransaction();
                send(checkpoints.forget(feed.topic()));
                producer.commitTransaction();
                feeds.remove(feed.topic());
                topics.delete(feed.topic());
                LOG.infof("grant of %s on %s ended: topic %s deleted", feed.terms().agency(), datasetId, feed.topic());
            }
        }
        Dataset dataset = granted.isEmpty() ? null : catalog.definition(datasetId);
        for (GrantTerms grant : granted.values()) {
            String topic = config.agencyTopicOf(grant.agency(), datasetId);
            Feed feed = feeds.get(topic);
            Set<String> pseudonymised = projector.pseudonymised(grant.view(), dataset);
            if (feed == null) {
                if (topics.createAgencyTopic(topic)) {
                    feeds.put(topic, Feed.start(topic, grant, pseudonymised));
                    LOG.infof("grant %s of %s on %s in effect: back-filling new topic %s", grant.id(), grant.agency(),
                            datasetId, topic);
                }
            } else if (!feed.terms().equals(grant.view())) {
                feeds.put(topic, feed.reproject(grant, pseudonymised));
                LOG.infof("grant %s of %s on %s changed what it shows: back-filling topic %s again", grant.id(),
                        grant.agency(), datasetId, topic);
            } else if (!pseudonymised.equals(feed.pseudonymised())) {
                // A field declared a national ID since (or no longer one), or the master secret replaced: the
                // records the topic holds as they were, real IDs or old pseudonyms among them, are sent again as the
                // agency is shown them now.
                feeds.put(topic, feed.reproject(grant, pseudonymised));
                LOG.infof("%s's national IDs reach %s as pseudonyms in %s now: back-filling topic %s again", datasetId,
                        grant.agency(), pseudonymised, topic);
            } else if (!feed.grantId().equals(grant.id())) {
                feeds.put(topic, feed.withGrant(grant.id()));
            }
        }
        return dataset;
    }

    /**
     * One Kafka transaction: the next batch of changes to the dataset topic, the same changes projected onto each
     * agency topic, one chunk of each running back-fill, and the checkpoints of all of them. It is sent here and
     * committed by the next step or at the end of the turn ({@link #commitOpen}).
     */
    private void step(String datasetId, Dataset dataset, long head) {
        Map<String, Chunk> chunks = new HashMap<>();
        Map<String, Map<String, JsonNode>> pasts = new HashMap<>();
        for (Feed feed : feedsOf(datasetId)) {
            // A feed whose back-filled keys lag the head by more than a batch catches up first: a chunk read now
            // could not be placed (its snapshot is beyond the batch) and would be read again.
            boolean lagging = feed.backfilling() && feed.backfill().after() != null
                    && head - feed.position() > config.batchSize();
            if (feed.backfilling() && !lagging) {
                Chunk chunk = changeLog.chunk(datasetId, feed.backfill().after(), config.backfillChunk());
                if (feed.backfill().after() == null) {
                    // No key is back-filled yet, so the feed holds nothing under its terms: it starts at the chunk.
                    feeds.put(feed.topic(), feed.at(chunk.snapshot()));
                }
                Map<String, JsonNode> past = new HashMap<>();
                for (FeedProjector.PastRange range : projector.pastRanges(feed, chunk)) {
                    past.putAll(changeLog.statesAt(datasetId, range.after(), range.upTo(), range.position()));
                }
                chunks.put(feed.topic(), chunk);
                pasts.put(feed.topic(), past);
            }
        }
        List<Feed> current = feedsOf(datasetId);
        long canonical = position.getOrDefault(datasetId, 0L);
        long from = current.stream().mapToLong(Feed::position).reduce(canonical, Math::min);
        boolean previousStates = current.stream().anyMatch(feed -> !feed.terms().rows().conditions().isEmpty());
        List<PendingChange> batch = changeLog.after(datasetId, from, config.batchSize(), !current.isEmpty(),
                previousStates);
        boolean complete = batch.size() < config.batchSize();

        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        long canonicalTo = canonical;
        for (PendingChange change : batch) {
            if (change.seq() > canonical) {
                topics.ensureDatasetTopic(datasetId);
                out.add(message(config.topicOf(datasetId), change.key(), events.write(change)));
                if (change.delete()) {
                    out.add(new ProducerRecord<>(config.topicOf(datasetId), change.key(), null));
                }
                canonicalTo = change.seq();
            }
        }
        List<Feed> advanced = new ArrayList<>();
        int projectedEvents = 0;
        for (Feed feed : current) {
            FeedProjector.Step step = projector.advance(feed, dataset, batch, complete, chunks.get(feed.topic()),
                    pasts.getOrDefault(feed.topic(), Map.of()));
            for (FeedProjector.Message message : step.messages()) {
                out.add(message.event() == null ? new ProducerRecord<>(feed.topic(), message.key(), null)
                        : message(feed.topic(), message.key(), events.write(message.event())));
                projectedEvents += message.event() == null ? 0 : 1;
            }
            if (!step.feed().equals(feed)) {
                advanced.add(step.feed());
                out.add(checkpoints.of(step.feed()));
            }
        }
        if (canonicalTo > canonical) {
            out.add(checkpoints.of(datasetId, canonicalTo));
        }
        if (out.isEmpty()) {
            return;
        }
        commitOpen();
        producer.beginTransaction();
        out.forEach(this::send);
        open = new Sent(datasetId, canonicalTo, canonicalTo - canonical, projectedEvents, advanced.stream()
                .filter(feed -> !feed.backfilling() && feeds.get(feed.topic()).backfilling()).toList());
        position.put(datasetId, canonicalTo);
        advanced.forEach(feed -> feeds.put(feed.topic(), feed));
    }

    private static ProducerRecord<String, byte[]> message(String topic, String key, byte[] event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, event);
        record.headers().add("content-type", CONTENT_TYPE);
        return record;
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

    /** Drops the producer; a transaction it left open is aborted, and nothing of it counts. */
    private void disconnect() {
        if (producer != null) {
            producer.close(Duration.ZERO);
        }
        producer = null;
        open = null;
    }
}
