package th.go.mol.ldx.gateway.records;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * The exports this gateway streams at once: an export takes a slot before it starts, and gives it back when it
 * ends, however it ends. A caller that finds none free is refused at once ({@code exports-busy}, 503), rather than
 * made to wait behind the exports running.
 */
@ApplicationScoped
public class ExportSlots {

    /** A taken slot; {@link #release()} gives it back, once, however many of an export's ends call it. */
    public static final class Slot {

        private final Semaphore free;
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Slot(Semaphore free) {
            this.free = free;
        }

        public void release() {
            if (held.compareAndSet(true, false)) {
                free.release();
            }
        }
    }

    private final Semaphore free;
    private final ExportConfig config;

    ExportSlots(ExportConfig config) {
        this.free = new Semaphore(config.slots());
        this.config = config;
    }

    /** A slot free now; else the export is refused, {@code exports-busy} with {@code Retry-After}. */
    public Slot take() {
        if (!free.tryAcquire()) {
            throw ProblemException.retryLater(ProblemType.EXPORTS_BUSY, "This gateway is streaming as many exports "
                    + "as it may at once (" + config.slots() + "); retry in " + config.retryAfter().toSeconds()
                    + " s.", config.retryAfter());
        }
        return new Slot(free);
    }
}
