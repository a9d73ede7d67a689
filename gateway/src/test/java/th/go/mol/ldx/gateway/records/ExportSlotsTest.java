package th.go.mol.ldx.gateway.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

class ExportSlotsTest {

    private static final ExportConfig TWO = new ExportConfig() {
        @Override
        public int slots() {
            return 2;
        }

        @Override
        public Duration retryAfter() {
            return Duration.ofSeconds(30);
        }
    };

    @Test
    void anExportBeyondTheSlotsIsRefusedWithWhenToRetry() {
        ExportSlots slots = new ExportSlots(TWO);
        slots.take();
        slots.take();
        ProblemException refused = assertThrows(ProblemException.class, slots::take);
        assertEquals(ProblemType.EXPORTS_BUSY, refused.type());
        assertEquals(Duration.ofSeconds(30), refused.retryAfter());
    }

    @Test
    void aSlotReleasedByBothOfItsEndsIsGivenBackOnce() {
        ExportSlots slots = new ExportSlots(TWO);
        ExportSlots.Slot first = slots.take();
        slots.take();
        first.release();
        first.release();
        ExportSlots.Slot again = slots.take();
        assertThrows(ProblemException.class, slots::take, "a second release must not free a slot it did not hold");
        again.release();
        slots.take();
    }
}
