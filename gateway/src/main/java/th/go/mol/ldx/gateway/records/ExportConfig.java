package th.go.mol.ldx.gateway.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** How many exports one gateway streams at once (ADR 014). */
@ConfigMapping(prefix = "ldx.export")
public interface ExportConfig {

    /**
     * Exports streamed at once. An export holds a request thread for its whole run, so this is kept below the
     * request threads ({@code quarkus.thread-pool.max-threads}): exports never take every thread from the pages.
     */
    @WithDefault("4")
    @Min(1)
    int slots();

    /** What a refused export is told to wait before it asks again ({@code Retry-After}). */
    @WithDefault("30s")
    Duration retryAfter();
}
