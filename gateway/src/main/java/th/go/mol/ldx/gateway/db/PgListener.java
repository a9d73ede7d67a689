package th.go.mol.ldx.gateway.db;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A daemon thread that {@code LISTEN}s on a PostgreSQL channel on a connection of its own and calls back when
 * notifications arrive, and once after each (re)connection, since notifications sent while it was away are lost.
 * A broken connection is retried every second; users keep a fallback (a poll) for that time.
 */
public final class PgListener {

    private static final Logger LOG = Logger.getLogger(PgListener.class);

    private final AgroalDataSource db;
    private final String channel;
    private final Runnable onWake;
    private final Thread thread;
    private volatile boolean running = true;

    private PgListener(AgroalDataSource db, String channel, Runnable onWake) {
        this.db = db;
        this.channel = channel;
        this.onWake = onWake;
        this.thread = new Thread(this::listen, "ldx-listen-" + channel);
        this.thread.setDaemon(true);
    }

    /** Starts listening on {@code channel} (a plain identifier). */
    public static PgListener start(AgroalDataSource db, String channel, Runnable onWake) {
        PgListener listener = new PgListener(db, channel, onWake);
        listener.thread.start();
        return listener;
    }

    public void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }

    private void listen() {
        while (running) {
            try (Connection c = db.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                onWake.run();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null && notifications.length > 0) {
                        onWake.run();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("listening on %s failed, retrying in a second: %s", channel, e.toString());
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
