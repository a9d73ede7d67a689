package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import th.go.mol.ldx.connector.RecordChange;
import th.go.mol.ldx.gateway.events.ChangeSignal;
import th.go.mol.ldx.gateway.ingest.ChangeReceipt.Outcome;

/**
 * Applies changes to the current records and appends them to the dataset's change log in one transaction.
 * The change log is the transactional outbox that the relay publishes to Kafka.
 */
@ApplicationScoped
public class ChangeLog {

    private final AgroalDataSource db;
    private final ObjectMapper json;

    ChangeLog(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Applies one change; empty when a delete finds no record. */
    @Transactional
    public Optional<ChangeReceipt> apply(String datasetId, RecordChange change, String changedBy) {
        try (Connection c = db.getConnection()) {
            long seq = lockDataset(c, datasetId);
            if (change instanceof RecordChange.Upsert upsert) {
                return Optional.of(upsert(c, datasetId, seq, upsert, changedBy));
            }
            return delete(c, datasetId, seq, (RecordChange.Delete) change, changedBy);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("applying a change to " + datasetId + " failed", e);
        }
    }

    /** The row lock orders the writers of a dataset: sequence order is commit order, so the relay never skips one. */
    private static long lockDataset(Connection c, String datasetId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT change_seq FROM dataset WHERE id = ? FOR UPDATE")) {
            ps.setString(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("dataset " + datasetId + " vanished during a change");
                }
                return rs.getLong(1);
            }
        }
    }

    private ChangeReceipt upsert(Connection c, String datasetId, long seq, RecordChange.Upsert upsert, String changedBy)
            throws SQLException, JsonProcessingException {
        String data = json.writeValueAsString(upsert.data());
        Boolean same = null;
        long currentVersion = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT data = ?::jsonb, change_seq FROM record WHERE dataset_id = ? AND record_key = ?")) {
            ps.setString(1, data);
            ps.setString(2, datasetId);
            ps.setString(3, upsert.key());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    same = rs.getBoolean(1);
                    currentVersion = rs.getLong(2);
                }
            }
        }
        if (Boolean.TRUE.equals(same)) {
            return new ChangeReceipt(upsert.key(), Outcome.UNCHANGED, currentVersion, null);
        }
        long next = seq + 1;
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO record (dataset_id, record_key, data, change_seq, updated_at) VALUES (?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (dataset_id, record_key)
                DO UPDATE SET data = EXCLUDED.data, change_seq = EXCLUDED.change_seq, updated_at = EXCLUDED.updated_at
                """)) {
            ps.setString(1, datasetId);
            ps.setString(2, upsert.key());
            ps.setString(3, data);
            ps.setLong(4, next);
            ps.setObject(5, now);
            ps.executeUpdate();
        }
        UUID eventId = appendChange(c, datasetId, next, upsert.key(), "upsert", data, now, changedBy);
        return new ChangeReceipt(upsert.key(), same == null ? Outcome.CREATED : Outcome.UPDATED, next, eventId);
    }

    private Optional<ChangeReceipt> delete(Connection c, String datasetId, long seq, RecordChange.Delete delete,
            String changedBy) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM record WHERE dataset_id = ? AND record_key = ?")) {
            ps.setString(1, datasetId);
            ps.setString(2, delete.key());
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        long next = seq + 1;
        UUID eventId = appendChange(c, datasetId, next, delete.key(), "delete", null, OffsetDateTime.now(ZoneOffset.UTC),
                changedBy);
        return Optional.of(new ChangeReceipt(delete.key(), Outcome.DELETED, next, eventId));
    }

    private static UUID appendChange(Connection c, String datasetId, long seq, String key, String operation, String data,
            OffsetDateTime at, String changedBy) throws SQLException {
        UUID eventId = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO record_change (dataset_id, seq, event_id, record_key, operation, data, changed_at, changed_by)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?)
                """)) {
            ps.setString(1, datasetId);
            ps.setLong(2, seq);
            ps.setObject(3, eventId);
            ps.setString(4, key);
            ps.setString(5, operation);
            ps.setString(6, data);
            ps.setObject(7, at);
            ps.setString(8, changedBy);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE dataset SET change_seq = ? WHERE id = ?")) {
            ps.setLong(1, seq);
            ps.setString(2, datasetId);
            ps.executeUpdate();
        }
        // Delivered at commit (once per transaction and dataset), it wakes the relay of every gateway.
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + ChangeSignal.CHANNEL + "', ?)")) {
            ps.setString(1, datasetId);
            ps.execute();
        }
        return eventId;
    }
}
