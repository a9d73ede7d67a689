package th.go.mol.ldx.gateway.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** How change events reach Kafka. */
@ConfigMapping(prefix = "ldx.events")
public interface EventsConfig {

    /** Topic of a dataset = this prefix + the dataset id. */
    @WithDefault("ldx.dataset.")
    String topicPrefix();

    /** Partitions of a new dataset topic; the record key picks the partition, so order holds per record. */
    @WithDefault("3")
    @Min(1)
    int partitions();

    /**
     * Partitions of a new agency topic. One keeps every change of the agency's view in one order (its copy is
     * consistent at every offset) and each relay transaction small (a commit marker per partition written); an
     * agency that needs to consume in parallel gets more.
     */
    @WithDefault("1")
    @Min(1)
    int agencyPartitions();

    /**
     * Longest an agency topic keeps a record's superseded message (a projection that its grant no longer shows,
     * after the grant narrowed) before compaction removes it.
     */
    @WithDefault("1h")
    Duration agencyCompactionLag();

    /** Replication factor of new topics: 1 on a one-broker dev cluster, 3 in production. */
    @WithDefault("3")
    @Min(1)
    short replicationFactor();

    /**
     * Compacted topic, written in the same Kafka transaction as the events, that records how far each dataset topic
     * was published and what each agency topic holds.
     */
    @WithDefault("ldx.relay.checkpoints")
    String checkpointTopic();

    /** Kafka transactional id of the relay. One relay publishes at a time; a second one with the same id fences the first. */
    @WithDefault("ldx-outbox-relay")
    String transactionalId();

    /** How often the relay looks for new changes when no commit has woken it (a notification lost). */
    @WithDefault("0.2s")
    Duration pollInterval();

    /** Shortest time between the starts of two turns of the relay: changes committed meanwhile share a transaction. */
    @WithDefault("5ms")
    Duration linger();

    /** Most changes published in one Kafka transaction. */
    @WithDefault("2000")
    @Min(1)
    int batchSize();

    /** Most records a back-fill of an agency topic reads and sends in one Kafka transaction. */
    @WithDefault("2000")
    @Min(1)
    int backfillChunk();

    /** How long a Kafka call may block before the relay gives up and retries on its next run. */
    @WithDefault("10s")
    Duration kafkaTimeout();

    /** CloudEvents {@code source} of every event is this prefix + the dataset id. */
    @WithDefault("/ldx/datasets/")
    String sourcePrefix();

    /** Topic of an agency's view of a dataset = this prefix + agency + "." + dataset id. */
    @WithDefault("ldx.agency.")
    String agencyTopicPrefix();

    /** How often each gateway aligns the Kafka ACLs with the grants in effect (revocation and expiry act within it). */
    @WithDefault("1s")
    Duration aclInterval();

    default String topicOf(String datasetId) {
        return topicPrefix() + datasetId;
    }

    default String agencyTopicOf(String agency, String datasetId) {
        return agencyTopicPrefix() + agency + "." + datasetId;
    }
}
