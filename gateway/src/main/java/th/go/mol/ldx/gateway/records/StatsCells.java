package th.go.mol.ldx.gateway.records;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.OptionalLong;
import org.jboss.logging.Logger;
import th.go.mol.ldx.gateway.db.Periodic;
import th.go.mol.ldx.gateway.db.Sql;

/**
 * Keeps the statistics cells ({@code record_stats}) following each dataset's change log, outside the writers'
 * lock: every gateway adds up the changes committed since the cells' position every {@code ldx.stats.follow-interval},
 * a dataset at a time and {@code ldx.stats.follow-chunk} changes per transaction, and a statistics read brings the
 * cells up to the dataset's head before it reads them, so what it answers counts every change committed before it
 * (ADR 012). The SQL is {@code record_stats_catch_up} (V15): the position row is locked while the cells move, and a
 * gateway that finds it locked leaves the dataset to the one at work.
 */
@ApplicationScoped
public class StatsCells {

    private static final Logger LOG = Logger.getLogger(StatsCells.class);

    private final Sql sql;
    private final StatsConfig config;
    private Periodic follower;

    StatsCells(Sql sql, StatsConfig config) {
        this.sql = sql;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        follower = Periodic.every(config.followInterval(), "ldx-stats-cells",
                "counting the latest changes into the statistics cells", LOG, this::followAll);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        follower.stop(Duration.ofSeconds(1));
    }

    /**
     * Brings the dataset's cells at least up to sequence {@code head} (the one the read stands at), waiting for
     * another gateway at work on them.
     */
    public void catchUp(String datasetId, long head) {
        OptionalLong counted = step(datasetId, true);
        while (counted.isPresent() && counted.getAsLong() < head) {
            counted = step(datasetId, true);
        }
    }

    /** One step for every dataset with statistics; one that fails does not hold up the others. */
    private void followAll() {
        RuntimeException failed = null;
        for (String datasetId : sql.list("SELECT dataset_id FROM record_stats_position", rs -> rs.getString(1))) {
            try {
                step(datasetId, false);
            } catch (RuntimeException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** One transaction of at most a chunk of changes; the position reached, empty when the dataset was passed by. */
    private OptionalLong step(String datasetId, boolean wait) {
        return sql.one("SELECT record_stats_catch_up(?, ?, ?)", rs -> {
            long counted = rs.getLong(1);
            return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(counted);
        }, datasetId, (long) config.followChunk(), wait).orElseThrow();
    }
}
