package th.go.mol.ldx.gateway.connectors;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import th.go.mol.ldx.connector.ChangeSink;
import th.go.mol.ldx.gateway.db.Sql;

/** The {@code connector} table and its companions: state, admins' requests, offsets, rejects, snapshot keys. */
@ApplicationScoped
public class ConnectorStore {

    /** Rejects kept per connector; older ones are in the file connector's rejects files or the log. */
    static final int KEPT_REJECTS = 1000;

    private final Sql sql;

    ConnectorStore(Sql sql) {
        this.sql = sql;
    }

    /** Records a configured connector; a connector configured again keeps its offset and counts. */
    public void register(String name, String kind, String datasetId) {
        sql.update("""
                INSERT INTO connector (name, kind, dataset_id) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, dataset_id = EXCLUDED.dataset_id
                """, name, kind, datasetId);
    }

    public List<ConnectorState> all(Duration stoppedAfter) {
        return sql.list("SELECT * FROM connector ORDER BY name", rs -> state(rs, stoppedAfter));
    }

    public Optional<ConnectorState> find(String name, Duration stoppedAfter) {
        return sql.one("SELECT * FROM connector WHERE name = ?", rs -> state(rs, stoppedAfter), name);
    }

    public boolean setPaused(String name, boolean paused) {
        return sql.update("UPDATE connector SET paused = ? WHERE name = ?", paused, name) == 1;
    }

    /**
     * Asks the runner to forget the offset before its next round, so that it reads the source from the start (a
     * snapshot) and publishes only what differs. The runner clears it itself ({@link #reset}): a round under way
     * would otherwise store its offset again after this request.
     */
    public boolean requestReset(String name) {
        return sql.update("UPDATE connector SET reset_requested = true WHERE name = ?", name) == 1;
    }

    /** The admins' requests the runner reads before each round. */
    public record Requests(boolean paused, boolean reset) {
    }

    public Requests requests(String name) {
        return sql.one("SELECT paused, reset_requested FROM connector WHERE name = ?",
                rs -> new Requests(rs.getBoolean(1), rs.getBoolean(2)), name).orElse(new Requests(true, false));
    }

    public void reset(String name) {
        sql.update("UPDATE connector SET reset_requested = false, source_offset = NULL WHERE name = ?", name);
    }

    public Optional<String> offset(String name) {
        return sql.list("SELECT source_offset FROM connector WHERE name = ?", rs -> rs.getString(1), name).stream()
                .filter(Objects::nonNull).findFirst();
    }

    /** Within the publishing transaction: the new offset, the counts, the rejects. */
    public void published(String name, String offset, long read, long accepted, long changed,
            List<ChangeSink.Rejection> rejects) {
        Instant now = Instant.now();
        sql.update("""
                UPDATE connector SET source_offset = coalesce(?, source_offset), rows_read = rows_read + ?,
                    rows_accepted = rows_accepted + ?, rows_rejected = rows_rejected + ?, rows_changed = rows_changed + ?,
                    last_run_at = ?, last_error = NULL
                WHERE name = ?
                """, offset, read, accepted, read - accepted, changed, now, name);
        if (!rejects.isEmpty()) {
            sql.update("""
                    INSERT INTO connector_reject (connector, rejected_at, origin, field, reason)
                    SELECT ?, ?, o, f, r FROM unnest(?::text[], ?::text[], ?::text[]) AS t(o, f, r)
                    """, name, now, rejects.stream().map(ChangeSink.Rejection::origin).toArray(String[]::new),
                    rejects.stream().map(ChangeSink.Rejection::field).toArray(String[]::new),
                    rejects.stream().map(ChangeSink.Rejection::reason).toArray(String[]::new));
            sql.update("""
                    DELETE FROM connector_reject WHERE connector = ? AND id < (SELECT min(id) FROM (
                        SELECT id FROM connector_reject WHERE connector = ? ORDER BY id DESC LIMIT ?) AS kept)
                    """, name, name, KEPT_REJECTS);
        }
    }

    /** The runner's sign of life, with the source's lag (null: not known, as while paused). */
    public void heartbeat(String name, String runner, Double lagSeconds) {
        sql.update("UPDATE connector SET runner = ?, heartbeat_at = ?, lag_seconds = ? WHERE name = ?", runner,
                Instant.now(), lagSeconds, name);
    }

    public void failed(String name, String runner, String error) {
        sql.update("UPDATE connector SET runner = ?, heartbeat_at = ?, last_run_at = ?, last_error = ? WHERE name = ?",
                runner, Instant.now(), Instant.now(), error, name);
    }

    public List<ConnectorReject> rejects(String name, int limit) {
        return sql.list("""
                SELECT rejected_at, origin, field, reason FROM connector_reject WHERE connector = ?
                ORDER BY id DESC LIMIT ?
                """, rs -> new ConnectorReject(Sql.instant(rs, "rejected_at"), rs.getString("origin"),
                rs.getString("field"), rs.getString("reason")), name, limit);
    }

    public void clearSeen(String name) {
        sql.update("DELETE FROM connector_seen WHERE connector = ?", name);
    }

    public void seen(String name, String[] keys) {
        sql.update("""
                INSERT INTO connector_seen (connector, record_key) SELECT ?, k FROM unnest(?::text[]) AS t(k)
                ON CONFLICT DO NOTHING
                """, name, keys);
    }

    /** Up to {@code limit} keys of the dataset that the snapshot did not see. */
    public List<String> unseen(String name, String datasetId, int limit) {
        return sql.list("""
                SELECT r.record_key FROM record r WHERE r.dataset_id = ? AND NOT EXISTS (
                    SELECT 1 FROM connector_seen s WHERE s.connector = ? AND s.record_key = r.record_key)
                ORDER BY r.record_key LIMIT ?
                """, rs -> rs.getString(1), datasetId, name, limit);
    }

    private static ConnectorState state(ResultSet rs, Duration stoppedAfter) throws SQLException {
        Instant heartbeat = Sql.instant(rs, "heartbeat_at");
        boolean paused = rs.getBoolean("paused");
        String error = rs.getString("last_error");
        String status = heartbeat == null || heartbeat.plus(stoppedAfter).isBefore(Instant.now()) ? "stopped"
                : paused ? "paused" : error != null ? "failing" : "running";
        double lagValue = rs.getDouble("lag_seconds");
        Double lag = rs.wasNull() ? null : lagValue;
        return new ConnectorState(rs.getString("name"), rs.getString("kind"), rs.getString("dataset_id"), status,
                rs.getString("source_offset"), paused, rs.getString("runner"), heartbeat, Sql.instant(rs, "last_run_at"),
                error, rs.getLong("rows_read"), rs.getLong("rows_accepted"), rs.getLong("rows_rejected"),
                rs.getLong("rows_changed"),
                lag);
    }
}
