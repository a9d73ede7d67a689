package th.go.mol.ldx.gateway.records;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * The exports this gateway streams at once: an export takes a slot before it starts, and gives it back when its
 * exchange ends, however it ends (written whole, cut off, refused by the audit, the client gone), once the last
 * byte left and not before, so that a slot is held for as long as a request thread is. One organisation holds at
 * most {@code slots-per-organisation} of them. A caller that finds none free is refused at once
 * ({@code exports-busy}, 503), rather than made to wait behind the exports running. An export whose client reads
 * nothing for {@code stall-timeout} while the answer waits for it has its connection closed, which ends it.
 */
@ApplicationScoped
public class ExportSlots {

    /** A taken slot; {@link #release()} gives it back, once, however many times it is called. */
    static final class Slot {

        private final Semaphore free;
        private final AtomicInteger organisationHeld;
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Slot(Semaphore free, AtomicInteger organisationHeld) {
            this.free = free;
            this.organisationHeld = organisationHeld;
        }

        void release() {
            if (held.compareAndSet(true, false)) {
                organisationHeld.decrementAndGet();
                free.release();
            }
        }
    }

    private final Semaphore free;
    private final Map<String, AtomicInteger> heldBy = new ConcurrentHashMap<>();
    private final ExportConfig config;
    private final Vertx vertx;

    ExportSlots(ExportConfig config, Vertx vertx) {
        this.free = new Semaphore(config.slots());
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * A slot for the export that {@code organisation} is answered on {@code exchange}, held until the exchange
     * ends; else the export is refused, {@code exports-busy} with {@code Retry-After}.
     */
    public void holdUntilEnd(RoutingContext exchange, String organisation) {
        Slot slot = take(organisation);
        long watch = cutOffWhenStalled(exchange.response(), slot);
        exchange.addEndHandler(ended -> {
            vertx.cancelTimer(watch);
            slot.release();
        });
        // A connection closed before the handler was added never calls it.
        if (exchange.response().closed() || exchange.response().ended()) {
            vertx.cancelTimer(watch);
            slot.release();
        }
    }

    /** A slot free now, within the organisation's share; else the export is refused. */
    Slot take(String organisation) {
        AtomicInteger held = heldBy.computeIfAbsent(organisation, key -> new AtomicInteger());
        if (held.incrementAndGet() > config.slotsPerOrganisation()) {
            held.decrementAndGet();
            throw busy("Organisation '" + organisation + "' is streaming as many exports as one organisation may at "
                    + "once (" + config.slotsPerOrganisation() + ")");
        }
        if (!free.tryAcquire()) {
            held.decrementAndGet();
            throw busy("This gateway is streaming as many exports as it may at once (" + config.slots() + ")");
        }
        return new Slot(free, held);
    }

    private ProblemException busy(String why) {
        return ProblemException.retryLater(ProblemType.EXPORTS_BUSY, why + "; retry in "
                + config.retryAfter().toSeconds() + " s.", config.retryAfter());
    }

    /**
     * Watches an export's answer, on its connection's event loop: while the answer waits for the client (its write
     * queue full) and no byte has left for {@code stall-timeout}, the answer is reset (an HTTP/1.1 connection
     * closed, an HTTP/2 stream reset). Its request thread, blocked writing, then fails. Vert.x runs no end handler
     * for an answer it closed itself, so the slot is given back here. An export waiting on its own query is not
     * stalled.
     */
    private long cutOffWhenStalled(HttpServerResponse response, Slot slot) {
        long timeout = config.stallTimeout().toNanos();
        long every = Math.max(1, Math.min(1_000, config.stallTimeout().toMillis() / 4));
        long[] progress = {response.bytesWritten(), System.nanoTime()};
        return vertx.setPeriodic(every, id -> {
            long written = response.bytesWritten();
            long now = System.nanoTime();
            if (!response.writeQueueFull() || written != progress[0]) {
                progress[0] = written;
                progress[1] = now;
            } else if (now - progress[1] >= timeout) {
                vertx.cancelTimer(id);
                response.reset();
                slot.release();
            }
        });
    }
}
