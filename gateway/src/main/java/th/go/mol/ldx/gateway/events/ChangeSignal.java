package th.go.mol.ldx.gateway.events;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

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

    private static final Logger LOG = Logger.getLogger(ChangeSignal.class);

    private final AgroalDataSource db;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean pending;
    private volatile boolean running = true;
    private final Thread listener = new Thread(this::listen, "ldx-change-listener");

    ChangeSignal(AgroalDataSource db) {
        this.db = db;
    }

    void start(@Observes StartupEvent startup) {
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        listener.interrupt();
        listener.join(2000);
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

    private void listen() {
        while (running) {
            try (Connection c = db.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                // Changes committed while the listener was away wake nobody: say so once, the relay looks anyway.
                signal();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        signal();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("listening for committed changes failed, the relay polls meanwhile: %s", e.toString());
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
