package th.go.mol.ldx.gateway.db;

import io.agroal.api.AgroalDataSource;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Lets one process of many do something: a PostgreSQL session-level advisory lock, held on a connection of its own
 * for as long as this process has it. If the process dies, its session ends, the lock is free, and the next process
 * to ask takes it. Not thread-safe: one thread asks and releases.
 */
public final class AdvisoryLock {

    private final AgroalDataSource db;
    private final long key;
    private Connection held;

    public AdvisoryLock(AgroalDataSource db, long key) {
        this.db = db;
        this.key = key;
    }

    /** A lock named by text: the first 8 bytes of its SHA-256, the same in every process and PostgreSQL version. */
    public static AdvisoryLock named(AgroalDataSource db, String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return new AdvisoryLock(db, ByteBuffer.wrap(hash).getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Whether this process holds the lock, taking it if it is free. */
    public boolean hold() throws SQLException {
        if (held != null) {
            if (held.isValid(2)) {
                return true;
            }
            release();
        }
        Connection c = db.getConnection();
        try {
            if (query(c, "SELECT pg_try_advisory_lock(?)")) {
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

    /** Gives the lock up, so that another process takes over at once rather than when this one's session ends. */
    public void release() {
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

    private boolean query(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
