package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;

/** Changes to distinct records of one dataset, applied together or not at all. */
public record BatchRequest(@NotNull @Size(min = 1) List<@NotNull @Valid Change> changes) {

    /** An upsert carries the record (its key may be left to the record's key field); a delete carries only the key. */
    public record Change(@NotNull Operation operation, String key, ObjectNode data) {
    }

    public enum Operation {
        UPSERT, DELETE;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
