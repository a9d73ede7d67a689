package th.go.mol.ldx.gateway.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Statistical disclosure control of {@code /stats}. */
@ConfigMapping(prefix = "ldx.stats")
public interface StatsConfig {

    /**
     * The smallest count a partner is shown: a cell of fewer records is suppressed (and cells that would let it be
     * derived). Statistics offices commonly use 3 to 10.
     */
    @WithDefault("5")
    @Min(2)
    int threshold();

    /** The most dimensions one table is grouped by: every added one makes cells smaller and suppression wider. */
    @WithDefault("3")
    @Min(1)
    @Max(5)
    int maxDimensions();

    /**
     * How often each gateway counts the latest changes into the statistics cells. A read counts what is left
     * before it answers, so this bounds what a read may have to count, not what it shows.
     */
    @WithDefault("1s")
    Duration followInterval();

    /** The most changes counted into the cells in one transaction (about 5 µs of PostgreSQL's time each). */
    @WithDefault("100000")
    @Min(1000)
    int followChunk();
}
