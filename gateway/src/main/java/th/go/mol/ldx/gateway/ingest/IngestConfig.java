package th.go.mol.ldx.gateway.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * How data owners publish. A batch's size in bytes is bounded by {@code ldx.http.max-batch-body-size}, which
 * answers 413 {@code body-too-large} before the body is read.
 */
@ConfigMapping(prefix = "ldx.ingest")
public interface IngestConfig {

    /** Most changes in one batch: the batch is one transaction, which holds the dataset's write lock throughout. */
    @WithDefault("10000")
    @Min(1)
    @Max(100000)
    int batchMaxChanges();

    /** How long a batch's {@code Idempotency-Key} is remembered: a retry within it answers the first receipt. */
    @WithDefault("24h")
    Duration idempotencyRetention();
}
