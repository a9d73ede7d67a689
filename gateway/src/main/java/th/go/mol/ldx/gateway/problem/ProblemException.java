package th.go.mol.ldx.gateway.problem;

import java.util.List;

/** A failure that LDX code raises on purpose; the mapper answers it as its {@link ProblemType}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;
    private final List<String> allowedPurposes;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        this(type, detail, errors, null);
    }

    /** A refusal of a read that names the purposes the reader's grant covers. */
    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors, List<String> allowedPurposes) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
        this.allowedPurposes = allowedPurposes;
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
}
