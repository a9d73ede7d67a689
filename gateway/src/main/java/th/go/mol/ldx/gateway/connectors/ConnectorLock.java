package th.go.mol.ldx.gateway.connectors;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Lets one process of many run a connector: a PostgreSQL session-level advisory lock named for the connector, held
 * on a connection of its own while this process runs it. If the process dies, its session ends and another takes over.
 */
final class ConnectorLock {

    private final AgroalDataSource db;
    private final String name;
    private Connection held;

    ConnectorLock(AgroalDataSource db, String name) {
        this.db = db;
        this.name = name;
    }

    /** Whether this process holds the lock, taking it if it is free. */
    boolean hold() throws SQLException {
        if (held != null) {
            if (held.isValid(2)) {
                return true;
            }
            release();
        }
        Connection c = db.getConnection();
        try {
            if (query(c, "SELECT pg_try_advisory_lock(hashtextextended('ldx.connector.' || ?, 0))")) {
                held = c;
                return true;
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        c.close();
        return false;
    }

    void release() {
        if (held == null) {
            return;
        }
        try (Connection c = held) {
            held = null;
            // The pool keeps the session open: without an explicit unlock the lock would stay with the pool.
            query(c, "SELECT pg_advisory_unlock(hashtextextended('ldx.connector.' || ?, 0))");
        } catch (SQLException e) {
            // a broken session has released the lock with itself
        }
    }

    private boolean query(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
