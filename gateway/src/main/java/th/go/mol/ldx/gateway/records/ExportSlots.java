package th.go.mol.ldx.gateway.records;

import io.netty.channel.ChannelOption;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import th.go.mol.ldx.gateway.audit.StreamedRecords;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * The exports this gateway streams at once: an export takes a slot before it starts, and gives it back once its
 * records are written or its exchange ends, however it ends (written whole, cut off, failed, refused by the audit,
 * the client gone): for as long as it holds a request thread. One organisation holds at most
 * {@code slots-per-organisation} of them. A caller that finds none free is refused at once ({@code exports-busy},
 * 503), rather than made to wait behind the exports running. An export whose client reads nothing for
 * {@code stall-timeout} while the answer waits for it is cut off.
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
     * A slot for {@code export}, answered to {@code organisation} on {@code exchange}, held until the export is
     * written or the exchange ends; else the export is refused, {@code exports-busy} with {@code Retry-After}. Both
     * are needed: an export that fails once its head is sent is closed by RESTEasy, and Vert.x runs no end handler
     * for an answer closed so; an exchange that ends before the export is written (refused by the audit, the client
     * gone) never writes it.
     */
    public void holdUntilEnd(RoutingContext exchange, String organisation, StreamedRecords export) {
        Slot slot = take(organisation);
        long watch = cutOffWhenStalled(exchange, slot);
        Runnable release = () -> {
            vertx.cancelTimer(watch);
            slot.release();
        };
        export.whenWritten((records, whole) -> release.run());
        exchange.addEndHandler(ended -> release.run());
        // A connection closed before the handler was added never calls it.
        if (exchange.response().closed() || exchange.response().ended()) {
            release.run();
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
     * Watches an export's answer until it ends, is cut off for a stall, or is found ended or closed: then the watch
     * stops and gives the slot back.
     */
    private long cutOffWhenStalled(RoutingContext exchange, Slot slot) {
        long[] progress = {exchange.response().bytesWritten(), System.nanoTime()};
        long every = Math.max(1, Math.min(1_000, config.stallTimeout().toMillis() / 4));
        return vertx.setPeriodic(every, id -> {
            if (!streaming(exchange, progress)) {
                vertx.cancelTimer(id);
                slot.release();
            }
        });
    }

    /**
     * Whether an answer is still streaming: not ended, not closed, and not stalled, that is waiting for its client
     * (its write queue full) with no byte gone ({@code progress}: the bytes written and since when) for
     * {@code stall-timeout}; a stalled answer is cut off here. An export waiting on its own query is not stalled.
     */
    private boolean streaming(RoutingContext exchange, long[] progress) {
        HttpServerResponse response = exchange.response();
        try {
            if (response.ended() || response.closed()) {
                return false;
            }
            long written = response.bytesWritten();
            long now = System.nanoTime();
            if (!response.writeQueueFull() || written != progress[0]) {
                progress[0] = written;
                progress[1] = now;
                return true;
            }
            if (now - progress[1] < config.stallTimeout().toNanos()) {
                return true;
            }
            cutOff(exchange);
            return false;
        } catch (IllegalStateException endedBetweenLooks) {
            return false;
        }
    }

    /**
     * Ends an answer whose client reads nothing. The reset marks it closed, which wakes its request thread, blocked
     * writing, into failing. On HTTP/1.1 Vert.x would close the connection only once what is queued had been
     * written, which a stalled client may never let happen: the connection's channel is closed at once instead,
     * dropping what is queued. (Vert.x's own close of the connection runs its close handlers on the request's
     * context, behind the request thread that waits for them.) An HTTP/2 answer is its own stream, reset.
     */
    private static void cutOff(RoutingContext exchange) {
        // An answer that ended meanwhile is not reset: its queued tail is left to be written.
        if (exchange.response().reset() && exchange.request().version() != HttpVersion.HTTP_2
                && exchange.request().connection() instanceof ConnectionBase connection) {
            // Abortive (a reset, linger 0): what the socket still holds for the client is dropped too. A graceful
            // close let the end of the chunked answer, written once the request thread failed, reach the client,
            // which then read a cut-off export as a whole one.
            connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            connection.channel().close();
        }
    }
}
