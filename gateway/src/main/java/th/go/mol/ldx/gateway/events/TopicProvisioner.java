package th.go.mol.ldx.gateway.events;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics the relay writes to, and deletes the agency topics of grants that ended. Topics are compacted: with a tombstone after each delete, a new
 * subscriber that reads a topic from the start ends with the current state of the dataset.
 */
@ApplicationScoped
public class TopicProvisioner {

    private final EventsConfig config;
    private final KafkaSettings kafka;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private Admin admin;

    TopicProvisioner(EventsConfig config, KafkaSettings kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    public void ensureDatasetTopic(String datasetId) {
        ensure(config.topicOf(datasetId), config.partitions());
    }

    public void ensureCheckpointTopic() {
        ensure(config.checkpointTopic(), 1);
    }

    /**
     * The audit checkpoint topic: an append-only record kept forever (no compaction, no time limit), one partition
     * so that its last message is the latest checkpoint.
     */
    public void ensureAuditTopic(String topic) {
        if (!known.contains(topic) && !create(topic, 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_DELETE, TopicConfig.RETENTION_MS_CONFIG, "-1"))) {
            known.add(topic);
        }
    }

    /**
     * Creates the topic of a new agency feed, which must start empty. False while a topic of that name still
     * exists (an earlier grant's, whose deletion the broker has not finished): it is deleted again, try later.
     */
    public boolean createAgencyTopic(String topic) {
        // What a grant no longer shows (after it narrowed) must not stay readable for long: compaction keeps only
        // each key's last message, and these bound how long an older one may wait for it.
        String lag = Long.toString(config.agencyCompactionLag().toMillis());
        if (!create(topic, config.agencyPartitions(), Map.of(TopicConfig.SEGMENT_MS_CONFIG, lag,
                TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, lag))) {
            delete(topic);
            return false;
        }
        return true;
    }

    /** Deletes a topic and everything in it; a topic already gone is fine. */
    public void delete(String topic) {
        known.remove(topic);
        try {
            KafkaCalls.await(admin().deleteTopics(Set.of(topic)).all(), config.kafkaTimeout(), "deleting topic " + topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("deleting topic " + topic + " failed", e.getCause());
            }
        }
    }

    /** The agency topics on the broker. */
    public Set<String> agencyTopics() {
        try {
            return KafkaCalls.await(admin().listTopics().names(), config.kafkaTimeout(), "listing topics").stream()
                    .filter(name -> name.startsWith(config.agencyTopicPrefix())).collect(Collectors.toSet());
        } catch (ExecutionException e) {
            throw new IllegalStateException("listing topics failed", e.getCause());
        }
    }

    private void ensure(String topic, int partitions) {
        if (!known.contains(topic) && !create(topic, partitions, Map.of())) {
            known.add(topic);
        }
    }

    /**
     * Creates a topic, compacted unless the settings say otherwise, and waits for its leaders; false, and nothing
     * waited for, when it existed already.
     */
    private boolean create(String topic, int partitions, Map<String, String> settings) {
        Map<String, String> configs = new HashMap<>(settings);
        configs.putIfAbsent(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.min(2, config.replicationFactor())));
        NewTopic newTopic = new NewTopic(topic, partitions, config.replicationFactor()).configs(configs);
        try {
            KafkaCalls.await(admin().createTopics(Set.of(newTopic)).all(), config.kafkaTimeout(), "creating topic " + topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("creating topic " + topic + " failed", e.getCause());
        }
        awaitLeaders(topic);
        known.add(topic);
        return true;
    }

    /** A new topic takes a moment to elect its partition leaders; writing before that only earns retries. */
    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + config.kafkaTimeout().toNanos();
        try {
            while (!KafkaCalls.await(admin().describeTopics(Set.of(topic)).allTopicNames(), config.kafkaTimeout(),
                    "describing topic " + topic).get(topic).partitions().stream()
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions of " + topic + " have no leader yet");
                }
                Thread.sleep(50);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("describing topic " + topic + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the leaders of " + topic, e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafka.with(Map.of(
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis())));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
