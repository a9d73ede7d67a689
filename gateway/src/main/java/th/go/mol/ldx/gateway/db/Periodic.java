package th.go.mol.ldx.gateway.db;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A task repeated on a thread of its own, first at once, then every interval after the last run ended; a failure
 * is logged once (and again only when it changes) and its end once, so that a server that is down does not fill the
 * log. Each run is retried by the next.
 */
public final class Periodic {

    private final ScheduledExecutorService thread;
    private final Runnable task;
    private final String what;
    private final Logger log;
    private String lastProblem;

    private Periodic(String threadName, String what, Logger log, Runnable task) {
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, threadName));
        this.task = task;
        this.what = what;
        this.log = log;
    }

    /** Runs {@code task} ("what" it does, for the log) now and every {@code interval}. */
    public static Periodic every(Duration interval, String threadName, String what, Logger log, Runnable task) {
        Periodic periodic = new Periodic(threadName, what, log, task);
        periodic.thread.scheduleWithFixedDelay(periodic::runQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return periodic;
    }

    /** Runs the task once more as soon as the thread is free (a notification asked for it). */
    public void runNow() {
        thread.execute(this::runQuietly);
    }

    /** Stops repeating; a run under way may finish within {@code grace}. */
    public void stop(Duration grace) throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runQuietly() {
        try {
            task.run();
            if (lastProblem != null) {
                log.infof("%s works again", what);
                lastProblem = null;
            }
        } catch (RuntimeException e) {
            if (!e.toString().equals(lastProblem)) {
                log.warnf("%s failed, will retry: %s", what, e.toString());
            }
            lastProblem = e.toString();
        }
    }
}
