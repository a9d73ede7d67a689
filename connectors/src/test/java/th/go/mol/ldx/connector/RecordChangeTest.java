package th.go.mol.ldx.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class RecordChangeTest {

    @Test
    void keyOfOneTo128CharactersIsAccepted() {
        assertEquals("a", new RecordChange.Delete("a").key());
        assertEquals(128, new RecordChange.Delete("k".repeat(128)).key().length());
    }

    @Test
    void blankOrOverlongKeyIsRefusedBeforeAnythingIsWritten() {
        assertThrows(IllegalArgumentException.class, () -> new RecordChange.Delete(" "));
        assertThrows(IllegalArgumentException.class, () -> new RecordChange.Delete(null));
        assertThrows(IllegalArgumentException.class, () -> new RecordChange.Delete("k".repeat(129)));
        assertThrows(IllegalArgumentException.class,
                () -> new RecordChange.Upsert("", JsonNodeFactory.instance.objectNode()));
    }

    @Test
    void upsertCarriesTheWholeRecord() {
        assertThrows(NullPointerException.class, () -> new RecordChange.Upsert("k", null));
    }
}
