package th.go.mol.ldx.gateway.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
}
