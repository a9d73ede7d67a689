package th.go.mol.ldx.gateway.limits;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;
import th.go.mol.ldx.gateway.db.Periodic;
import th.go.mol.ldx.gateway.db.Sql;

/**
 * Limits an administrator set on one grant, instead of the agency's tier, for the reads of the grant's dataset: the
 * agency as a whole and each of its credentials get the grant's rate, burst and records per day there, in buckets
 * of their own. Each replica keeps the overrides of the grants in effect in memory, re-read every second (and at once
 * on the replica that changed one), so that a request costs no query.
 */
@ApplicationScoped
public class GrantLimits {

    /** The limits of one grant, as an administrator sets them. */
    public record Limit(@NotNull @Min(1) @Max(1_000_000) Long perSecond, @NotNull @Min(1) @Max(10_000_000) Long burst,
            @NotNull @Min(1) @Max(100_000_000_000L) Long recordsPerDay) {

        Rate rate() {
            return new Rate(perSecond, burst, recordsPerDay);
        }
    }

    /** A grant's limits as the rate of a scope. */
    record Rate(long perSecond, long burst, long recordsPerDay) implements LimitsConfig.Rate {
    }

    /** The override in effect for an agency's reads of a dataset: the agency and each credential at the grant's rate. */
    public record InEffect(UUID grantId, Rate rate) implements LimitsConfig.Tier {

        @Override
        public LimitsConfig.Rate credential() {
            return rate;
        }

        @Override
        public LimitsConfig.Rate agency() {
            return rate;
        }
    }

    private static final Logger LOG = Logger.getLogger(GrantLimits.class);

    private final Sql sql;
    private Periodic refresh;
    private volatile Map<String, InEffect> inEffect = Map.of();

    GrantLimits(Sql sql) {
        this.sql = sql;
    }

    void start(@Observes StartupEvent startup) {
        refresh = Periodic.every(Duration.ofSeconds(1), "ldx-grant-limits", "reading the grants' limits", LOG,
                this::reload);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        refresh.stop(Duration.ofSeconds(1));
    }

    /** The override of the grant in effect for {@code agency} on {@code datasetId}, if its grant has one. */
    public Optional<InEffect> of(String agency, String datasetId) {
        return Optional.ofNullable(inEffect.get(agency + "\n" + datasetId));
    }

    Optional<Limit> find(UUID grantId) {
        return sql.one("SELECT * FROM grant_limit WHERE grant_id = ?", rs -> new Limit(rs.getLong("per_second"),
                rs.getLong("burst"), rs.getLong("records_per_day")), grantId);
    }

    void set(UUID grantId, Limit limit, String by) {
        sql.update("""
                INSERT INTO grant_limit (grant_id, per_second, burst, records_per_day, set_by) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (grant_id) DO UPDATE SET per_second = EXCLUDED.per_second, burst = EXCLUDED.burst,
                    records_per_day = EXCLUDED.records_per_day, set_by = EXCLUDED.set_by, set_at = now()
                """, grantId, limit.perSecond(), limit.burst(), limit.recordsPerDay(), by);
        reload();
    }

    void clear(UUID grantId) {
        sql.update("DELETE FROM grant_limit WHERE grant_id = ?", grantId);
        reload();
    }

    private void reload() {
        Map<String, InEffect> fresh = new HashMap<>();
        sql.list("""
                SELECT g.agency, g.dataset_id, l.* FROM grant_limit l JOIN data_grant g ON g.id = l.grant_id
                WHERE g.status = 'approved' AND g.valid_from <= now() AND now() < g.valid_until
                """, rs -> fresh.put(rs.getString("agency") + "\n" + rs.getString("dataset_id"),
                new InEffect(rs.getObject("grant_id", UUID.class), new Rate(rs.getLong("per_second"),
                        rs.getLong("burst"), rs.getLong("records_per_day")))));
        inEffect = Map.copyOf(fresh);
    }
}
