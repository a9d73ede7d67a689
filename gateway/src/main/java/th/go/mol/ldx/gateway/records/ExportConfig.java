package th.go.mol.ldx.gateway.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;

/** How many exports one gateway streams at once, how many of them one organisation, and for how long (ADR 014). */
@ConfigMapping(prefix = "ldx.export")
public interface ExportConfig {

    /**
     * Exports streamed at once. An export holds a request thread for its whole run, so this is kept below the
     * request threads ({@code quarkus.thread-pool.max-threads}): exports never take every thread from the pages.
     */
    @WithDefault("4")
    @Min(1)
    int slots();

    /** Of those, how many one organisation may stream at once: no one agency takes every slot. */
    @WithDefault("2")
    @Min(1)
    int slotsPerOrganisation();

    /**
     * How long an export may wait on a client that reads nothing before its connection is closed: its request
     * thread and its slot are held while it waits, and would be until the connection's idle timeout (30 minutes).
     */
    @WithDefault("60s")
    @DurationMin(seconds = 1)
    Duration stallTimeout();

    /** What a refused export is told to wait before it asks again ({@code Retry-After}). */
    @WithDefault("30s")
    Duration retryAfter();
}
