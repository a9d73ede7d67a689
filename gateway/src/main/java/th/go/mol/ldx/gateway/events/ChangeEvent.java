package th.go.mol.ldx.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A change event for an agency topic, before it is written: the change (or a back-fill's copy of a record) as one
 * grant shows it. {@code data} is the projected record, or null for the delete that tells the agency to drop a record;
 * {@code schemaVersion} the version of the dataset's schema the record was checked against; {@code pseudonymKey} the
 * version of the agency's pseudonym key its pseudonyms were computed with (null when it shows none).
 */
public record ChangeEvent(UUID id, String datasetId, String subject, long sequence, OffsetDateTime time, JsonNode data,
        UUID grant, int schemaVersion, Integer pseudonymKey) {

    public String type() {
        return data == null ? ChangeEvents.DELETED : ChangeEvents.UPSERTED;
    }
}
