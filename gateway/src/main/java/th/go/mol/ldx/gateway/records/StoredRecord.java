package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A record as stored: its key, its fields, the dataset change that last wrote it, and the version of the dataset's
 * schema it was checked against.
 */
public record StoredRecord(String key, ObjectNode data, long version, Instant updatedAt, int schemaVersion) {

    public StoredRecord withData(ObjectNode shown) {
        return new StoredRecord(key, shown, version, updatedAt, schemaVersion);
    }
}
