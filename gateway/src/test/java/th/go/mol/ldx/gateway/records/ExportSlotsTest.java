package th.go.mol.ldx.gateway.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

class ExportSlotsTest {

    @Test
    void anExportBeyondTheSlotsIsRefusedWithWhenToRetry() {
        ExportSlots slots = new ExportSlots(config(2));
        slots.take();
        slots.take();
        ProblemException refused = assertThrows(ProblemException.class, slots::take);
        assertEquals(ProblemType.EXPORTS_BUSY, refused.type());
        assertEquals(Duration.ofSeconds(30), refused.retryAfter());
    }

    @Test
    void aSlotReleasedTwiceIsGivenBackOnce() {
        ExportSlots slots = new ExportSlots(config(2));
        ExportSlots.Slot first = slots.take();
        slots.take();
        first.release();
        first.release();
        ExportSlots.Slot again = slots.take();
        assertThrows(ProblemException.class, slots::take, "a second release must not free a slot it did not hold");
        again.release();
        slots.take();
    }

    @Test
    void anExportHoldsItsSlotUntilItsExchangeEnds() {
        ExportSlots slots = new ExportSlots(config(1));
        Exchange exchange = new Exchange(false);
        slots.holdUntilEnd(exchange.context());
        assertThrows(ProblemException.class, slots::take);
        exchange.end();
        slots.take();
    }

    @Test
    void anExchangeClosedBeforeItsEndHandlerWasAddedGivesTheSlotBackAtOnce() {
        ExportSlots slots = new ExportSlots(config(1));
        slots.holdUntilEnd(new Exchange(true).context());
        slots.take();
    }

    private static ExportConfig config(int slots) {
        return new ExportConfig() {
            @Override
            public int slots() {
                return slots;
            }

            @Override
            public Duration retryAfter() {
                return Duration.ofSeconds(30);
            }
        };
    }

    /** A request's context with only what a slot uses of it: its end handlers, and whether its response is closed. */
    private static final class Exchange {

        private final boolean closed;
        private final List<Handler<AsyncResult<Void>>> endHandlers = new ArrayList<>();

        Exchange(boolean closed) {
            this.closed = closed;
        }

        @SuppressWarnings("unchecked")
        RoutingContext context() {
            HttpServerResponse response = (HttpServerResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServerResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "closed" -> closed;
                        case "ended" -> false;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
            return (RoutingContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RoutingContext.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "addEndHandler" -> {
                            endHandlers.add((Handler<AsyncResult<Void>>) args[0]);
                            yield endHandlers.size();
                        }
                        case "response" -> response;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        void end() {
            endHandlers.forEach(handler -> handler.handle(Future.succeededFuture()));
        }
    }
}
