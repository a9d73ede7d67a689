package th.go.mol.ldx.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A change-log row the relay has still to publish. {@code json} is the record after the change as PostgreSQL
 * writes it (UTF-8), null for a delete: the dataset topic's event carries it as it is. {@code data} is the same
 * record as a tree, read only when the relay asked for trees (an agency topic projects them), else null.
 * {@code previous} is the record before the change when the relay asked for it, null when the record did not exist
 * or it did not ask. {@code schemaVersion} is the version of the dataset's schema the record was checked against.
 */
public record PendingChange(String datasetId, long seq, UUID eventId, String key, boolean delete, byte[] json,
        JsonNode data, OffsetDateTime changedAt, JsonNode previous, int schemaVersion) {
}
