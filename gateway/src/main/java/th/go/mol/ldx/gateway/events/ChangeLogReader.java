package th.go.mol.ldx.gateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The relay's view of the change log: how far each dataset has got, and the changes after a given sequence. */
@ApplicationScoped
public class ChangeLogReader {

    private final AgroalDataSource db;
    private final ObjectMapper json;

    ChangeLogReader(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Latest change sequence of every dataset. */
    public Map<String, Long> heads() {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, change_seq FROM dataset");
                ResultSet rs = ps.executeQuery()) {
            Map<String, Long> heads = new LinkedHashMap<>();
            while (rs.next()) {
                heads.put(rs.getString(1), rs.getLong(2));
            }
            return heads;
        } catch (SQLException e) {
            throw new IllegalStateException("reading dataset heads failed", e);
        }
    }

    public List<PendingChange> after(String datasetId, long seq, int limit) {
        String sql = """
                SELECT seq, event_id, record_key, operation, data, changed_at FROM record_change
                WHERE dataset_id = ? AND seq > ? ORDER BY seq LIMIT ?
                """;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, datasetId);
            ps.setLong(2, seq);
            ps.setInt(3, limit);
            List<PendingChange> changes = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String data = rs.getString(5);
                    changes.add(new PendingChange(datasetId, rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            "delete".equals(rs.getString(4)), data == null ? null : json.readTree(data),
                            rs.getObject(6, OffsetDateTime.class)));
                }
            }
            return changes;
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("reading changes of " + datasetId + " failed", e);
        }
    }
}
