package th.go.mol.ldx.gateway.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.audit.StreamedRecords;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

class ExportSlotsTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    @Test
    void anExportBeyondTheSlotsIsRefusedWithWhenToRetry() {
        ExportSlots slots = slots(2, 2);
        slots.take("agency-a");
        slots.take("agency-b");
        ProblemException refused = assertThrows(ProblemException.class, () -> slots.take("agency-c"));
        assertEquals(ProblemType.EXPORTS_BUSY, refused.type());
        assertEquals(Duration.ofSeconds(30), refused.retryAfter());
        assertTrue(refused.getMessage().startsWith("This gateway is streaming as many exports as it may at once (2)"));
    }

    @Test
    void oneOrganisationTakesAtMostItsShareAndOthersTheRest() {
        ExportSlots slots = slots(4, 2);
        ExportSlots.Slot first = slots.take("agency-a");
        slots.take("agency-a");
        ProblemException refused = assertThrows(ProblemException.class, () -> slots.take("agency-a"));
        assertEquals(ProblemType.EXPORTS_BUSY, refused.type());
        assertTrue(refused.getMessage().startsWith("Organisation 'agency-a' is streaming as many exports as one"));
        slots.take("agency-b");
        slots.take("agency-b");
        assertThrows(ProblemException.class, () -> slots.take("agency-c"), "every slot is taken");
        first.release();
        slots.take("agency-a");
    }

    @Test
    void aSlotReleasedTwiceIsGivenBackOnce() {
        ExportSlots slots = slots(2, 2);
        ExportSlots.Slot first = slots.take("agency-a");
        slots.take("agency-a");
        first.release();
        first.release();
        ExportSlots.Slot again = slots.take("agency-b");
        assertThrows(ProblemException.class, () -> slots.take("agency-b"),
                "a second release must not free a slot it did not hold");
        assertThrows(ProblemException.class, () -> slots.take("agency-c"));
        again.release();
        slots.take("agency-c");
    }

    @Test
    void anExportHoldsItsSlotUntilItsExchangeEnds() {
        ExportSlots slots = slots(1, 1);
        Exchange exchange = new Exchange(false);
        slots.holdUntilEnd(exchange.context(), "agency-a", exchange.export);
        assertThrows(ProblemException.class, () -> slots.take("agency-b"));
        exchange.end();
        slots.take("agency-b");
    }

    @Test
    void anExportWrittenGivesItsSlotBackThoughItsExchangeRunsNoEndHandler() {
        ExportSlots slots = slots(1, 1);
        Exchange exchange = new Exchange(false);
        slots.holdUntilEnd(exchange.context(), "agency-a", exchange.export);
        assertThrows(ProblemException.class, () -> slots.take("agency-b"));
        exchange.export.written();
        slots.take("agency-b");
    }

    @Test
    void anExchangeClosedBeforeItsEndHandlerWasAddedGivesTheSlotBackAtOnce() {
        ExportSlots slots = slots(1, 1);
        Exchange exchange = new Exchange(true);
        slots.holdUntilEnd(exchange.context(), "agency-a", exchange.export);
        slots.take("agency-a");
    }

    @Test
    void anAnswerClosedWithoutItsEndHandlerGivesItsSlotBackOnTheNextLook() throws Exception {
        ExportSlots slots = slots(1, 1);
        Exchange exchange = new Exchange(false);
        slots.holdUntilEnd(exchange.context(), "agency-a", exchange.export);
        exchange.closedNow = true; // as RESTEasy closes an answer that failed once its head was sent
        awaitFree(slots);
    }

    @Test
    void anExportWhoseClientReadsNothingIsCutOffAndGivesItsSlotBack() throws Exception {
        ExportSlots slots = slots(1, 1);
        Exchange exchange = new Exchange(false);
        exchange.queueFull = true;
        slots.holdUntilEnd(exchange.context(), "agency-a", exchange.export);
        assertTrue(exchange.reset.await(5, TimeUnit.SECONDS), "the stalled answer was not cut off");
        awaitFree(slots);
    }

    @Test
    void anExportWhoseClientReadsSlowlyOrThatWaitsOnItsQueryKeepsItsConnection() throws Exception {
        Exchange slowReader = new Exchange(false);
        slowReader.queueFull = true;
        long moving = VERTX.setPeriodic(20, id -> slowReader.written.addAndGet(100));
        Exchange waitingOnQuery = new Exchange(false);
        ExportSlots slots = slots(2, 2);
        slots.holdUntilEnd(slowReader.context(), "agency-a", slowReader.export);
        slots.holdUntilEnd(waitingOnQuery.context(), "agency-b", waitingOnQuery.export);
        try {
            // Twenty looks each, spread over five times the stall timeout.
            for (Exchange exchange : List.of(slowReader, waitingOnQuery)) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (exchange.looks.get() < 20 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertTrue(exchange.looks.get() >= 20, "the watch did not run");
            }
            assertEquals(1, slowReader.reset.getCount(), "a client that reads, however slowly, is not stalled");
            assertEquals(1, waitingOnQuery.reset.getCount(), "an export waiting on its query is not stalled");
            assertThrows(ProblemException.class, () -> slots.take("agency-c"), "both still hold their slots");
        } finally {
            VERTX.cancelTimer(moving);
        }
        slowReader.end();
        waitingOnQuery.end();
    }

    /** Takes a slot as soon as one is free, within five seconds. */
    private static void awaitFree(ExportSlots slots) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            try {
                slots.take("agency-z");
                return;
            } catch (ProblemException busy) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the slot was not given back", busy);
                }
                Thread.sleep(10);
            }
        }
    }

    /** Slots with a stall timeout of 100 ms, checked every 25 ms. */
    private static ExportSlots slots(int slots, int perOrganisation) {
        return new ExportSlots(new ExportConfig() {
            @Override
            public int slots() {
                return slots;
            }

            @Override
            public int slotsPerOrganisation() {
                return perOrganisation;
            }

            @Override
            public Duration stallTimeout() {
                return Duration.ofMillis(100);
            }

            @Override
            public Duration retryAfter() {
                return Duration.ofSeconds(30);
            }
        }, VERTX);
    }

    /**
     * A request's context with only what a slot uses of it: its end handlers, its request's HTTP version, and of
     * its response whether it is ended or closed, the bytes written, whether its write queue is full, and resetting
     * it, which marks it closed and, as Vert.x does, runs no end handler. And the export streamed on it.
     */
    private static final class Exchange {

        private final boolean closedBefore;
        private final List<Handler<AsyncResult<Void>>> endHandlers = new CopyOnWriteArrayList<>();
        private final CountDownLatch reset = new CountDownLatch(1);
        private final AtomicLong written = new AtomicLong();
        private final AtomicInteger looks = new AtomicInteger();
        private final Export export = new Export();
        private volatile boolean queueFull;
        private volatile boolean closedNow;

        Exchange(boolean closedBefore) {
            this.closedBefore = closedBefore;
        }

        @SuppressWarnings("unchecked")
        RoutingContext context() {
            HttpServerResponse response = (HttpServerResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServerResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "closed" -> closedBefore || closedNow;
                        case "ended" -> false;
                        case "bytesWritten" -> written.get();
                        case "writeQueueFull" -> {
                            looks.incrementAndGet();
                            yield queueFull;
                        }
                        case "reset" -> {
                            closedNow = true;
                            reset.countDown();
                            yield true;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            HttpServerRequest request = (HttpServerRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "version" -> HttpVersion.HTTP_1_1;
                        case "connection" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return (RoutingContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RoutingContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "addEndHandler" -> {
                            endHandlers.add((Handler<AsyncResult<Void>>) args[0]);
                            yield endHandlers.size();
                        }
                        case "response" -> response;
                        case "request" -> request;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        void end() {
            endHandlers.forEach(handler -> handler.handle(Future.succeededFuture()));
        }
    }

    /** An export that writes nothing, and says so when told. */
    private static final class Export implements StreamedRecords {

        private final List<Listener> listeners = new CopyOnWriteArrayList<>();

        @Override
        public void whenWritten(Listener listener) {
            listeners.add(listener);
        }

        @Override
        public void write(OutputStream out) {
        }

        void written() {
            listeners.forEach(listener -> listener.written(0, true));
        }
    }
}
