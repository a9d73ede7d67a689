package th.go.mol.ldx.gateway.audit;

import jakarta.ws.rs.core.StreamingOutput;

/**
 * An answer that streams records, so that how many it carried is known only once it is written, after the response
 * filters have run: they register here what to do then (the audit trail records the end, the limits charge it).
 */
public interface StreamedRecords extends StreamingOutput {

    /** What the stream says once it ends: the records written, and whether it ended whole or was cut off. */
    @FunctionalInterface
    interface Listener {
        void written(int records, boolean whole);
    }

    /** Calls {@code listener} once, when the stream ends, however it ends. */
    void whenWritten(Listener listener);
}
