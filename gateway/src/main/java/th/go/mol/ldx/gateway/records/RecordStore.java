package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the current state of records: by key, or a page in key order after a given key (keyset pagination). */
@ApplicationScoped
public class RecordStore {

    private final AgroalDataSource db;
    private final ObjectMapper json;

    RecordStore(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public RecordPage page(String datasetId, String afterKey, int limit) {
        String sql = """
                SELECT record_key, data, change_seq, updated_at FROM record
                WHERE dataset_id = ? AND record_key > ? ORDER BY record_key LIMIT ?
                """;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, datasetId);
            ps.setString(2, afterKey == null ? "" : afterKey);
            ps.setInt(3, limit + 1);
            List<StoredRecord> items = new ArrayList<>(limit + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(read(rs));
                }
            }
            if (items.size() <= limit) {
                return new RecordPage(items, null);
            }
            items.remove(limit);
            return new RecordPage(items, PageCursor.after(items.get(limit - 1).key()));
        } catch (SQLException e) {
            throw new IllegalStateException("reading records of " + datasetId + " failed", e);
        }
    }

    public Optional<StoredRecord> find(String datasetId, String key) {
        String sql = "SELECT record_key, data, change_seq, updated_at FROM record WHERE dataset_id = ? AND record_key = ?";
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, datasetId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a record of " + datasetId + " failed", e);
        }
    }

    private StoredRecord read(ResultSet rs) throws SQLException {
        try {
            return new StoredRecord(rs.getString(1), (ObjectNode) json.readTree(rs.getString(2)), rs.getLong(3),
                    rs.getTimestamp(4).toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored record is not JSON", e);
        }
    }
}
