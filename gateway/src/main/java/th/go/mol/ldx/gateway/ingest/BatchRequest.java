package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Changes to distinct records of one dataset, applied together or not at all. The constraints of each change are
 * checked by IngestService with the record it carries, so that a refused batch lists every invalid change by its
 * index; here, only the list's.
 */
public record BatchRequest(@NotNull @Size(min = 1) List<Change> changes) {

    /** An upsert carries the record (its key may be left to the record's key field); a delete carries only the key. */
    public record Change(@NotNull Operation operation, String key,
            @Schema(implementation = Object.class, description = "The record") SentRecord data) {
    }

    public enum Operation {
        UPSERT, DELETE;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Reads a batch from the body's bytes, strictly as every body is read, and checks its constraints. Malformed
     * JSON, the wrong shape or an invalid value are thrown as the exceptions that every body's mistakes map from.
     */
    static BatchRequest read(byte[] body, ObjectMapper json, Validator validator) throws IOException {
        BatchRequest request = json.readerFor(BatchRequest.class).withAttribute(SentRecord.BODY, body).readValue(body);
        if (request == null) {
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The body is a batch: {\"changes\": [...]}.");
        }
        Set<ConstraintViolation<BatchRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }
}
