package th.go.mol.ldx.gateway.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** The audit log: how entries are written, and how often the head of the chain is published off-site. */
@ConfigMapping(prefix = "ldx.audit")
public interface AuditConfig {

    /**
     * Whether requests are audited at all. Only for measuring what audit costs (bench/record-reads.sh): a gateway
     * started without it says so in its log at start-up.
     */
    @WithDefault("true")
    boolean enabled();

    /** The most entries one commit of the audit writer takes: one fsync serves them all. */
    @WithDefault("500")
    @Min(1)
    int batchSize();

    /**
     * How long the writer waits, once an entry whose answer waits is queued, for more to join its commit (as
     * PostgreSQL's {@code commit_delay}): fewer, larger commits cost less per entry, such an answer waits this long at
     * most more. Zero writes whatever is queued at once.
     */
    @WithDefault("1ms")
    Duration linger();

    /**
     * The access entries (reads and publications of records) a crash may lose: an access is answered without waiting
     * for its entry as long as every entry not yet durable was queued less than this long ago, else it is refused
     * (503). Admin actions always wait. Zero: every answer waits until its entry is durable (see ADR 008).
     */
    @WithDefault("1s")
    Duration accessWindow();

    /** How often the head of the chain is published to the checkpoint topic, when it moved. */
    @WithDefault("10s")
    Duration checkpointInterval();

    /** The Kafka topic that keeps the checkpoints (no compaction, no time limit), for off-site retention. */
    @WithDefault("ldx.audit.checkpoints")
    String checkpointTopic();

    /**
     * How long an admin action waits for its entry to be durable before it is answered 503 instead; also the longest
     * one write of the writer may take.
     */
    @WithDefault("5s")
    Duration writeTimeout();
}
