package th.go.mol.ldx.gateway.events;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Lets one gateway of many run the relay: a PostgreSQL session-level advisory lock, held on a connection of its
 * own for as long as this gateway leads. If that gateway dies, its session ends, the lock is free, and the next
 * replica to ask takes over. (Kafka fencing by transactional id would keep two relays correct anyway; the lock
 * keeps them from fencing each other in turns.)
 */
@ApplicationScoped
public class RelayLeadership {

    /** "LDXRELAY" in ASCII: one lock per database, whatever else uses advisory locks there. */
    private static final long LOCK = 0x4c44585245_4c4159L;

    private final AgroalDataSource db;
    private Connection held;

    RelayLeadership(AgroalDataSource db) {
        this.db = db;
    }

    /** Whether this gateway leads, taking the lock if it is free. */
    public synchronized boolean lead() {
        try {
            if (held != null) {
                if (held.isValid(2)) {
                    return true;
                }
                release();
            }
            Connection c = db.getConnection();
            if (query(c, "SELECT pg_try_advisory_lock(?)")) {
                held = c;
                return true;
            }
            c.close();
            return false;
        } catch (SQLException e) {
            release();
            throw new IllegalStateException("cannot ask PostgreSQL who runs the relay", e);
        }
    }

    /** Gives the lead up, so that another replica takes over at once rather than after this one's session ends. */
    public synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection c = held) {
            held = null;
            // The pool keeps the session open: without an explicit unlock the lock would stay with the pool.
            query(c, "SELECT pg_advisory_unlock(?)");
        } catch (SQLException e) {
            // a broken session has released the lock with itself
        }
    }

    private static boolean query(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, LOCK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
