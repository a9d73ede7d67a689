package th.go.mol.ldx.gateway.records;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * The exports this gateway streams at once: an export takes a slot before it starts, and gives it back when its
 * exchange ends, however it ends (written whole, cut off, refused by the audit, the client gone), once the last
 * byte left and not before, so that a slot is held for as long as a request thread is. A caller that finds none
 * free is refused at once ({@code exports-busy}, 503), rather than made to wait behind the exports running.
 */
@ApplicationScoped
public class ExportSlots {

    /** A taken slot; {@link #release()} gives it back, once, however many times it is called. */
    static final class Slot {

        private final Semaphore free;
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Slot(Semaphore free) {
            this.free = free;
        }

        void release() {
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

    /**
     * A slot for the export answered on {@code exchange}, held until the exchange ends; else the export is refused,
     * {@code exports-busy} with {@code Retry-After}.
     */
    public void holdUntilEnd(RoutingContext exchange) {
        Slot slot = take();
        exchange.addEndHandler(ended -> slot.release());
        // A connection closed before the handler was added never calls it.
        if (exchange.response().closed() || exchange.response().ended()) {
            slot.release();
        }
    }

    /** A slot free now; else the export is refused, {@code exports-busy} with {@code Retry-After}. */
    Slot take() {
        if (!free.tryAcquire()) {
            throw ProblemException.retryLater(ProblemType.EXPORTS_BUSY, "This gateway is streaming as many exports "
                    + "as it may at once (" + config.slots() + "); retry in " + config.retryAfter().toSeconds()
                    + " s.", config.retryAfter());
        }
        return new Slot(free);
    }
}
