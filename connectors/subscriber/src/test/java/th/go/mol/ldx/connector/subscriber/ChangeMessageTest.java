package th.go.mol.ldx.connector.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChangeMessageTest {

    private static final String UPSERT = """
            {"specversion":"1.0","id":"5b0e8b54-3f07-4b1e-9a55-1c2d3e4f5a6b","source":"/ldx/datasets/doe-job-vacancies",
             "type":"th.go.mol.ldx.record.upserted","subject":"VAC-1","time":"2026-11-25T00:00:00Z",
             "dataset":"doe-job-vacancies","sequence":"42","datacontenttype":"application/json",
             "data":{"vacancyId":"VAC-1","positions":3}}
            """;
    private static final String DELETE = """
            {"specversion":"1.0","id":"6c1f9c65-4018-4c2f-8b66-2d3e4f5a6b7c","source":"/ldx/datasets/doe-job-vacancies",
             "type":"th.go.mol.ldx.record.deleted","subject":"VAC-1","time":"2026-11-25T00:00:01Z",
             "dataset":"doe-job-vacancies","sequence":"43"}
            """;

    @Test
    void anUpsertCarriesItsIdSequenceAndData() {
        ChangeMessage.Event event = (ChangeMessage.Event) ChangeMessage.of("VAC-1", UPSERT.getBytes(StandardCharsets.UTF_8));

        assertEquals(UUID.fromString("5b0e8b54-3f07-4b1e-9a55-1c2d3e4f5a6b"), event.eventId());
        assertEquals(42, event.sequence());
        assertEquals(false, event.delete());
        assertEquals(3, event.data().get("positions").asInt());
    }

    @Test
    void aDeleteHasNoDataAndATombstoneNoValue() {
        ChangeMessage.Event delete = (ChangeMessage.Event) ChangeMessage.of("VAC-1", DELETE.getBytes(StandardCharsets.UTF_8));

        assertEquals(true, delete.delete());
        assertEquals(43, delete.sequence());
        assertNull(delete.data());
        assertEquals(new ChangeMessage.Tombstone("VAC-1"), ChangeMessage.of("VAC-1", null));
    }

    @Test
    void anEventWithoutASequenceCannotBeOrderedAndIsRefused() {
        String unordered = UPSERT.replace("\"sequence\":\"42\",", "");

        assertThrows(IllegalArgumentException.class,
                () -> ChangeMessage.of("VAC-1", unordered.getBytes(StandardCharsets.UTF_8)));
    }
}
