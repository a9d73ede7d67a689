package th.go.mol.ldx.gateway.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;

/**
 * How much each credential and each agency may ask: requests per second (sustained, with a burst) and records per
 * day, by tier. A credential names its tier in its token (claim {@code ldx_tier}); without one it is in
 * {@code default-tier}.
 */
@ConfigMapping(prefix = "ldx.limits")
public interface LimitsConfig {

    /** Only for measuring what limits cost (bench/record-reads.sh). */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("standard")
    String defaultTier();

    Map<String, Tier> tiers();

    /**
     * The share of a limit a replica may spend without asking PostgreSQL (Bucket4j's delaying optimisation): the
     * most two replicas together can overshoot a limit by. Smaller is stricter and costs more round trips.
     */
    @WithDefault("0.05")
    @DecimalMin("0")
    @DecimalMax("1")
    double localShare();

    /** The longest a replica keeps unsynchronised spending to itself. */
    @WithDefault("1s")
    Duration syncInterval();

    /** The limits of one tier: for each credential of an agency, and for the agency as a whole. */
    interface Tier {
        Rate credential();

        Rate agency();
    }

    /** Requests per second sustained, the burst above it, and records per day. */
    interface Rate {
        @Min(1)
        long perSecond();

        @Min(1)
        long burst();

        @Min(1)
        long recordsPerDay();
    }
}
