package th.go.mol.ldx.gateway.events;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;

/** Waits for a Kafka admin call. A failure of the call itself is the caller's to judge (some are expected). */
final class KafkaCalls {

    private KafkaCalls() {
    }

    /** The call's result; {@link ExecutionException} when Kafka answered with an error, else unchecked exceptions. */
    static <T> T await(KafkaFuture<T> call, Duration timeout, String what) throws ExecutionException {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " timed out", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what, e);
        }
    }
}
