package th.go.mol.ldx.gateway.records;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The entity tag of a representation (RFC 9110 8.8.3): a digest of the bytes the caller is sent, so it differs
 * between callers who see a record differently (other fields, other pseudonyms) and changes with every new version,
 * and it holds nothing of the record itself.
 */
final class EntityTag {

    /** 128 bits of SHA-256, base64url: no two representations a caller holds share one. */
    private static final int BYTES = 16;

    private EntityTag() {
    }

    static String of(byte[] representation) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(representation);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, BYTES)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }

    /**
     * Whether an {@code If-None-Match} field names this tag: {@code *}, or a list of tags compared weakly (a
     * {@code W/} prefix does not count), as RFC 9110 13.1.2 has it for GET.
     */
    static boolean noneMatchFails(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        if (ifNoneMatch.strip().equals("*")) {
            return true;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String opaque = candidate.strip();
            if (opaque.startsWith("W/")) {
                opaque = opaque.substring(2);
            }
            if (opaque.equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
