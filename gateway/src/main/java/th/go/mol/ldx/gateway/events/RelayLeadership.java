package th.go.mol.ldx.gateway.events;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import th.go.mol.ldx.gateway.db.AdvisoryLock;

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

    private final AdvisoryLock lock;

    RelayLeadership(AgroalDataSource db) {
        this.lock = new AdvisoryLock(db, LOCK);
    }

    /** Whether this gateway leads, taking the lock if it is free. */
    public synchronized boolean lead() {
        try {
            return lock.hold();
        } catch (SQLException e) {
            lock.release();
            throw new IllegalStateException("cannot ask PostgreSQL who runs the relay", e);
        }
    }

    /** Gives the lead up, so that another replica takes over at once rather than after this one's session ends. */
    public synchronized void release() {
        lock.release();
    }
}
