package th.go.mol.ldx.connector;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One change to one record of a dataset, as a source reports it: the ingest API, a database connector or a
 * file drop. The gateway turns each change into a row of the dataset's change log and, from there, one event.
 */
public sealed interface RecordChange {

    /** Maximum length of a record key: keys are path segments and Kafka keys, so they stay short. */
    int MAX_KEY_LENGTH = 128;

    String key();

    /** The record now has exactly these fields. */
    record Upsert(String key, ObjectNode data) implements RecordChange {
        public Upsert {
            requireKey(key);
            Objects.requireNonNull(data, "data");
        }
    }

    /** The record no longer exists. */
    record Delete(String key) implements RecordChange {
        public Delete {
            requireKey(key);
        }
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a record key has 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }
}
