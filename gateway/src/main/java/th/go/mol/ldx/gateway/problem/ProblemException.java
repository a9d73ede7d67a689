package th.go.mol.ldx.gateway.problem;

import java.time.Duration;
import java.util.List;

/** A failure that LDX code raises on purpose; the mapper answers it as its {@link ProblemType}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final List<String> allowedPurposes;
    private final Duration retryAfter;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        this(type, detail, errors, null);
    }

    /** A refusal of a read that names the purposes the reader's grant covers. */
    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors, List<String> allowedPurposes) {
        this(type, detail, errors, allowedPurposes, null);
    }

    private ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors,
            List<String> allowedPurposes, Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
        this.allowedPurposes = allowedPurposes;
        this.retryAfter = retryAfter;
    }

    /** A refusal worth trying again after {@code retryAfter}, which the answer's {@code Retry-After} says. */
    public static ProblemException retryLater(ProblemType type, String detail, Duration retryAfter) {
        return new ProblemException(type, detail, null, null, retryAfter);
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public List<String> allowedPurposes() {
        return allowedPurposes;
    }

    /** When the client may try again, for a refusal that says so; else null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
