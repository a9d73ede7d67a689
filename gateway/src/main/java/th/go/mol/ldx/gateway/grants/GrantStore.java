package th.go.mol.ldx.gateway.grants;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The grants, kept in PostgreSQL beside the data, so a revoked grant stops the very next read. */
@ApplicationScoped
public class GrantStore {

    private static final String COLUMNS = "agency, dataset_id, purpose, pseudonymised, granted_by, granted_at";

    private final AgroalDataSource db;

    GrantStore(AgroalDataSource db) {
        this.db = db;
    }

    public Optional<Grant> find(String agency, String datasetId) {
        List<Grant> found = query("SELECT " + COLUMNS + " FROM dataset_grant WHERE agency = ? AND dataset_id = ?",
                agency, datasetId);
        return found.stream().findFirst();
    }

    public List<Grant> all() {
        return query("SELECT " + COLUMNS + " FROM dataset_grant ORDER BY agency, dataset_id");
    }

    /** Creates or replaces a grant; answers whether it was new. */
    public boolean put(String agency, String datasetId, GrantRequest request, String grantedBy) {
        String sql = """
                INSERT INTO dataset_grant (agency, dataset_id, purpose, pseudonymised, granted_by)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (agency, dataset_id) DO UPDATE SET purpose = EXCLUDED.purpose,
                    pseudonymised = EXCLUDED.pseudonymised, granted_by = EXCLUDED.granted_by, granted_at = now()
                RETURNING (xmax = 0) AS inserted
                """;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, agency);
            ps.setString(2, datasetId);
            ps.setString(3, request.purpose());
            ps.setBoolean(4, request.pseudonymisedOrDefault());
            ps.setString(5, grantedBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("writing a grant failed", e);
        }
    }

    /** Answers whether there was a grant to revoke. */
    public boolean revoke(String agency, String datasetId) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM dataset_grant WHERE agency = ? AND dataset_id = ?")) {
            ps.setString(1, agency);
            ps.setString(2, datasetId);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("revoking a grant failed", e);
        }
    }

    private List<Grant> query(String sql, String... parameters) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Grant> grants = new ArrayList<>();
                while (rs.next()) {
                    grants.add(new Grant(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
                return grants;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading grants failed", e);
        }
    }
}
