package th.go.mol.ldx.gateway.records;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * The opaque {@code after} cursor of keyset pagination: the last key of the previous page, base64url-encoded so
 * that clients pass it back untouched and the encoding can change without breaking them.
 */
public final class PageCursor {

    private PageCursor() {
    }

    public static String after(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    public static String keyOf(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER,
                    "'after' must be a cursor returned by a previous page.",
                    List.of(new FieldError("after",
                            "not a cursor of this API: pass back the 'next' of a page as it came")));
        }
    }
}
