package th.go.mol.ldx.gateway.events;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import th.go.mol.ldx.gateway.db.PgListener;

/**
 * Wakes the relay when a change commits, instead of letting it find the change at its next poll. Writers call
 * {@code pg_notify} on {@link #CHANNEL} in the transaction of the change (PostgreSQL delivers it at commit, on every
 * replica); each gateway listens on a connection of its own. The relay still polls, at {@code ldx.events.poll-interval},
 * in case a notification is lost with a broken connection.
 */
@ApplicationScoped
public class ChangeSignal {

    /** The PostgreSQL notification channel of committed changes; the payload is the dataset id. */
    public static final String CHANNEL = "ldx_changes";

    private final AgroalDataSource db;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean pending;
    private PgListener listener;

    ChangeSignal(AgroalDataSource db) {
        this.db = db;
    }

    void start(@Observes StartupEvent startup) {
        // After a reconnection, changes committed meanwhile woke nobody: the listener signals once, the relay looks.
        listener = PgListener.start(db, CHANNEL, this::signal);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        listener.stop();
    }

    /** Waits until a change has committed since the last wait, or at most {@code max}. */
    public void await(Duration max) throws InterruptedException {
        lock.lock();
        try {
            long left = max.toNanos();
            while (!pending && left > 0) {
                left = changed.awaitNanos(left);
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            pending = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
