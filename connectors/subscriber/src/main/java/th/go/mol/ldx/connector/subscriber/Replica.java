package th.go.mol.ldx.connector.subscriber;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import th.go.mol.ldx.connector.ViewDigest;

/**
 * An agency's copy of a dataset in PostgreSQL: table {@code <name>} holds each record's key, data and version (the
 * dataset sequence that last wrote it), a deleted record stays as a marker until its tombstone, so that a replayed
 * older event cannot bring it back; table {@code <name>_event} holds the ids of the events applied. A batch is
 * applied in one transaction: an event already applied (same id) or older than the row (lower sequence) changes
 * nothing, so a batch replayed after a crash leaves the copy as it was. One connection, used by one caller at a time.
 */
public final class Replica implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,50}");

    /** What applying a batch did. */
    public record Applied(int applied, int duplicates, int stale, int tombstones) {
    }

    private final Connection db;
    private final String table;

    public Replica(String jdbcUrl, String user, String password, String table) throws SQLException {
        if (!NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("table name must match " + NAME.pattern() + ": " + table);
        }
        this.table = table;
        this.db = DriverManager.getConnection(jdbcUrl, user, password);
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (record_key text COLLATE \"C\" PRIMARY KEY, data jsonb,"
                    + " version bigint NOT NULL, deleted boolean NOT NULL, event_id uuid NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + table + "_event (event_id uuid PRIMARY KEY, sequence bigint NOT NULL,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
        }
        db.setAutoCommit(false);
    }

    public synchronized Applied apply(List<ChangeMessage> batch) throws SQLException {
        int applied = 0;
        int duplicates = 0;
        int stale = 0;
        int tombstones = 0;
        try {
            for (ChangeMessage message : batch) {
                if (message instanceof ChangeMessage.Tombstone tombstone) {
                    tombstones += update("DELETE FROM " + table + " WHERE record_key = ? AND deleted", tombstone.key());
                } else if (message instanceof ChangeMessage.Event event) {
                    if (update("INSERT INTO " + table + "_event (event_id, sequence) VALUES (?, ?) ON CONFLICT DO NOTHING",
                            event.eventId(), event.sequence()) == 0) {
                        duplicates++;
                    } else if (write(event) == 0) {
                        stale++;
                    } else {
                        applied++;
                    }
                }
            }
            db.commit();
            return new Applied(applied, duplicates, stale, tombstones);
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        }
    }

    /** The digest of the live records, as {@code GET /v1/datasets/{id}/digest} computes it for the agency's view. */
    public synchronized ViewDigest digest() throws SQLException {
        ViewDigest digest = new ViewDigest();
        try (PreparedStatement ps = db.prepareStatement("SELECT record_key, version FROM " + table + " WHERE NOT deleted");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                digest.add(rs.getString(1), rs.getLong(2));
            }
        }
        db.commit();
        return digest;
    }

    /** The highest dataset sequence applied: compare it with the digest's {@code lastSequence}. */
    public synchronized long lastSequence() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT coalesce(max(sequence), 0) FROM " + table + "_event");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long last = rs.getLong(1);
            db.commit();
            return last;
        }
    }

    private int write(ChangeMessage.Event event) throws SQLException {
        return update("INSERT INTO " + table + " (record_key, data, version, deleted, event_id) VALUES (?, ?::jsonb, ?, ?, ?)"
                + " ON CONFLICT (record_key) DO UPDATE SET data = EXCLUDED.data, version = EXCLUDED.version,"
                + " deleted = EXCLUDED.deleted, event_id = EXCLUDED.event_id WHERE " + table + ".version < EXCLUDED.version",
                event.key(), event.delete() ? null : event.data().toString(), event.sequence(), event.delete(),
                event.eventId());
    }

    private int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
