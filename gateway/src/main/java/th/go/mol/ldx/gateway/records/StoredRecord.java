package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** A record as stored: its key, its fields, and the dataset change that last wrote it. */
public record StoredRecord(String key, ObjectNode data, long version, Instant updatedAt) {

    public StoredRecord withData(ObjectNode shown) {
        return new StoredRecord(key, shown, version, updatedAt);
    }
}
