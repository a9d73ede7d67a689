package th.go.mol.ldx.gateway.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details body. {@code errors} lists each invalid field when there are several;
 * {@code allowedPurposes} (an extension member) names the purposes a reader's grant covers when a read is refused
 * for its purpose.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors,
        List<String> allowedPurposes) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The problem of a type, with its title and status, about the request at {@code instance}. */
    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, null, null);
    }

    /**
     * One invalid input: where it is (a JSON pointer or parameter name) and what is wrong with it; in a batch also
     * the change's index and its record key, so that a data owner finds the record without reading pointers.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String pointer, String message, Integer index, String key) {

        public FieldError(String pointer, String message) {
            this(pointer, message, null, null);
        }
    }
}
