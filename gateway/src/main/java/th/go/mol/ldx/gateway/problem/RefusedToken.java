package th.go.mol.ldx.gateway.problem;

import io.quarkus.security.AuthenticationFailedException;

/**
 * Why LDX refuses a token whose signature holds (its credential was revoked): the cause of the
 * {@link AuthenticationFailedException} it fails authentication with, answered as a 401 of its own type with the
 * reason, where any other authentication failure is a plain {@code unauthenticated}.
 */
public final class RefusedToken extends RuntimeException {

    private final ProblemType type;

    public RefusedToken(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    /** The failure an identity augmentor answers with. */
    public AuthenticationFailedException failure() {
        return new AuthenticationFailedException(getMessage(), this);
    }
}
