package th.go.mol.ldx.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A change-log row the relay has still to publish. {@code data} is null for a delete; {@code previous} is the
 * record before the change when the relay asked for it, null when the record did not exist or it did not ask.
 */
public record PendingChange(String datasetId, long seq, UUID eventId, String key, boolean delete, JsonNode data,
        OffsetDateTime changedAt, JsonNode previous) {
}
