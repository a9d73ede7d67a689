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
 * An agency's copy of one topic in PostgreSQL. Table {@code <name>} holds each record's key, data and version (the
 * dataset sequence that last wrote it); a deleted record stays as a marker until its tombstone, so that a late,
 * older event cannot bring it back. An event of the same version replaces the row: it is the same record
 * re-projected after the agency's grant changed. {@code <name>_offset} holds, per partition, the last offset applied, written
 * in the same transaction as the records: a message at or below it was applied before, whatever consumer group
 * reads it again. {@code <name>_event} holds the ids of the events applied, a second guard against an event
 * published twice. One connection, used by one caller at a time.
 */
public final class Replica implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,50}");

    /** A message and where it was read: its partition and offset. */
    public record Positioned(int partition, long offset, ChangeMessage message) {
    }

    /** What applying a batch did: events applied, messages seen before, events older than the row, tombstones. */
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
            s.execute("CREATE TABLE IF NOT EXISTS \"" + table + "\" (record_key text COLLATE \"C\" PRIMARY KEY,"
                    + " data jsonb, version bigint NOT NULL, deleted boolean NOT NULL, event_id uuid NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS \"" + table + "_offset\" (partition int PRIMARY KEY,"
                    + " last_offset bigint NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS \"" + table + "_event\" (event_id uuid PRIMARY KEY,"
                    + " sequence bigint NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            db.setAutoCommit(false);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
    }

    public synchronized Applied apply(List<Positioned> batch) throws SQLException {
        int applied = 0;
        int duplicates = 0;
        int stale = 0;
        int tombstones = 0;
        try {
            for (Positioned positioned : batch) {
                if (!advance(positioned.partition(), positioned.offset())) {
                    duplicates++;
                } else if (positioned.message() instanceof ChangeMessage.Tombstone tombstone) {
                    // The key is gone for good; compaction may have removed the delete event before this subscriber read it.
                    tombstones += update("DELETE FROM \"" + table + "\" WHERE record_key = ?", tombstone.key());
                } else if (positioned.message() instanceof ChangeMessage.Event event) {
                    if (update("INSERT INTO \"" + table + "_event\" (event_id, sequence) VALUES (?, ?)"
                            + " ON CONFLICT DO NOTHING", event.eventId(), event.sequence()) == 0) {
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

    /** The digest of the live records, as {@code GET /v1/datasets/{id}/digest} computes it for the reader's view. */
    public synchronized ViewDigest digest() throws SQLException {
        ViewDigest digest = new ViewDigest();
        try (PreparedStatement ps = db.prepareStatement("SELECT record_key, version FROM \"" + table + "\" WHERE NOT deleted");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                digest.add(rs.getString(1), rs.getLong(2));
            }
            return digest;
        } finally {
            db.rollback();
        }
    }

    /**
     * The highest dataset sequence applied. A topic has several partitions, each in order but not with each other:
     * reaching the digest's {@code lastSequence} here does not alone mean every change is in; equal digests do.
     */
    public synchronized long lastSequence() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT coalesce(max(sequence), 0) FROM \"" + table + "_event\"");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } finally {
            db.rollback();
        }
    }

    /** Records the offset as applied; false when it was applied before. */
    private boolean advance(int partition, long offset) throws SQLException {
        return update("INSERT INTO \"" + table + "_offset\" (partition, last_offset) VALUES (?, ?) ON CONFLICT (partition)"
                + " DO UPDATE SET last_offset = EXCLUDED.last_offset WHERE \"" + table + "_offset\".last_offset < EXCLUDED.last_offset",
                partition, offset) == 1;
    }

    private int write(ChangeMessage.Event event) throws SQLException {
        return update("INSERT INTO \"" + table + "\" (record_key, data, version, deleted, event_id) VALUES (?, ?::jsonb, ?, ?, ?)"
                + " ON CONFLICT (record_key) DO UPDATE SET data = EXCLUDED.data, version = EXCLUDED.version,"
                + " deleted = EXCLUDED.deleted, event_id = EXCLUDED.event_id WHERE \"" + table + "\".version <= EXCLUDED.version",
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
