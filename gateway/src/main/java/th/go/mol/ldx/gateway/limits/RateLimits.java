package th.go.mol.ldx.gateway.limits;

import io.agroal.api.AgroalDataSource;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether an agency's request may go ahead: one token from the credential's and from the agency's request
 * buckets (sustained rate, burst), and some left of their records of the day. The buckets live in PostgreSQL
 * (Bucket4j), shared by every replica; each replica spends up to {@code ldx.limits.local-share} of a limit before it
 * syncs, so most requests decide without a round trip.
 */
@ApplicationScoped
public class RateLimits {

    /** The outcome for one request: admitted or not, and what the RateLimit headers say of the tightest policy. */
    public record Verdict(boolean admitted, String policy, long quota, long windowSeconds, long remaining,
            long resetSeconds) {
    }

    private final LimitsConfig config;
    private final AgroalDataSource db;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private ProxyManager<String> store;

    RateLimits(LimitsConfig config, AgroalDataSource db) {
        this.config = config;
        this.db = db;
    }

    /** A tier that is named but not configured would admit nobody or everybody: the gateway refuses to start. */
    void check(@Observes StartupEvent event) {
        if (!config.tiers().containsKey(config.defaultTier())) {
            throw new IllegalStateException("ldx.limits.default-tier names '" + config.defaultTier()
                    + "', which ldx.limits.tiers does not define (defined: " + config.tiers().keySet() + ")");
        }
    }

    /** The tier of an agency: the one its credential names, if configured, else the default. */
    public LimitsConfig.Tier tier(String named) {
        return config.tiers().getOrDefault(named == null ? config.defaultTier() : named,
                config.tiers().get(config.defaultTier()));
    }

    /** Takes a request token from the credential's and the agency's buckets, if the day's records are not spent. */
    public Verdict admit(String credential, String agency, LimitsConfig.Tier tier) {
        for (Scope scope : Scope.values()) {
            LimitsConfig.Rate rate = scope.rate(tier);
            EstimationProbe records = records(scope.key(credential, agency), rate).estimateAbilityToConsume(1);
            if (!records.canBeConsumed()) {
                return new Verdict(false, scope.name + "-records", rate.recordsPerDay(), 86_400, 0,
                        seconds(records.getNanosToWaitForRefill()));
            }
        }
        Verdict tightest = null;
        for (Scope scope : Scope.values()) {
            LimitsConfig.Rate rate = scope.rate(tier);
            ConsumptionProbe probe = requests(scope.key(credential, agency), rate).tryConsumeAndReturnRemaining(1);
            Verdict verdict = new Verdict(probe.isConsumed(), scope.name, rate.burst(), refillSeconds(rate),
                    probe.getRemainingTokens(),
                    seconds(probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill()));
            if (!probe.isConsumed()) {
                return verdict;
            }
            if (tightest == null || verdict.remaining() < tightest.remaining()) {
                tightest = verdict;
            }
        }
        return tightest;
    }

    /** Counts the records an answer carried against the credential's and the agency's day. */
    public void charge(String credential, String agency, LimitsConfig.Tier tier, long count) {
        for (Scope scope : Scope.values()) {
            records(scope.key(credential, agency), scope.rate(tier)).consumeIgnoringRateLimits(count);
        }
    }

    private enum Scope {
        CREDENTIAL("credential"), AGENCY("agency");

        private final String name;

        Scope(String name) {
            this.name = name;
        }

        String key(String credential, String agency) {
            return name + ":" + (this == CREDENTIAL ? credential : agency);
        }

        LimitsConfig.Rate rate(LimitsConfig.Tier tier) {
            return this == CREDENTIAL ? tier.credential() : tier.agency();
        }
    }

    private Bucket requests(String key, LimitsConfig.Rate rate) {
        return bucket("requests:" + key + ":" + rate.perSecond() + "/" + rate.burst(), rate.burst(),
                Bandwidth.builder().capacity(rate.burst()).refillGreedy(rate.perSecond(), Duration.ofSeconds(1)).build());
    }

    private Bucket records(String key, LimitsConfig.Rate rate) {
        return bucket("records:" + key + ":" + rate.recordsPerDay(), rate.recordsPerDay(),
                Bandwidth.builder().capacity(rate.recordsPerDay())
                        .refillIntervally(rate.recordsPerDay(), Duration.ofDays(1)).build());
    }

    /** A bucket by key (its limits are part of the key: a changed tier starts a fresh bucket). */
    private Bucket bucket(String key, long capacity, Bandwidth bandwidth) {
        return buckets.computeIfAbsent(key, k -> store().builder()
                .withOptimization(Optimizations.delaying(new DelayParameters(
                        Math.max(1, (long) (capacity * config.localShare())), config.syncInterval())))
                .build(k, () -> BucketConfiguration.builder().addLimit(bandwidth).build()));
    }

    private synchronized ProxyManager<String> store() {
        if (store == null) {
            store = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(db).primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table("rate_limit_bucket").idColumn("id").stateColumn("state").build();
        }
        return store;
    }

    /** The seconds a request bucket takes to refill from empty to its burst. */
    static long refillSeconds(LimitsConfig.Rate rate) {
        return Math.max(1, (rate.burst() + rate.perSecond() - 1) / rate.perSecond());
    }

    private static long seconds(long nanos) {
        return Math.max(0, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
