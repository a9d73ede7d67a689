package th.go.mol.ldx.security;

import java.util.Objects;

/**
 * Whose pseudonyms, under which key: one agency, at one version of its key. An agency's pseudonyms of a person are
 * the same in every dataset it reads (its statistics link them) and differ from every other agency's, and from
 * its own under another version (a rotation leaves its old copies unlinkable to its new ones).
 */
public record PseudonymDomain(String agency, int keyVersion) {

    public PseudonymDomain {
        Objects.requireNonNull(agency, "agency");
        if (agency.isEmpty() || agency.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an agency id is a non-empty text without NUL");
        }
        if (keyVersion < 1) {
            throw new IllegalArgumentException("key versions start at 1");
        }
    }
}
