package th.go.mol.ldx.gateway.grants;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The lawful bases of processing personal data under Thailand's PDPA (B.E. 2562): consent, or one of section 24. */
public enum LegalBasis {
    /** Section 19: the data subject's consent. */
    CONSENT,
    /** Section 24(1): historical documents, research or statistics, with safeguards. */
    RESEARCH_STATISTICS,
    /** Section 24(2): to prevent or suppress a danger to life, body or health. */
    VITAL_INTEREST,
    /** Section 24(3): performance of a contract with the data subject. */
    CONTRACT,
    /** Section 24(4): a task in the public interest, or the exercise of official authority. */
    PUBLIC_TASK,
    /** Section 24(5): legitimate interests that do not override the data subject's rights. */
    LEGITIMATE_INTEREST,
    /** Section 24(6): compliance with a law. */
    LEGAL_OBLIGATION;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static LegalBasis ofCode(String code) {
        for (LegalBasis basis : values()) {
            if (basis.code().equals(code)) {
                return basis;
            }
        }
        throw new IllegalArgumentException("unknown legal basis '" + code + "'");
    }
}
