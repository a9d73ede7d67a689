package th.go.mol.ldx.e2e.support;

import th.go.mol.ldx.security.PseudonymDomain;
import th.go.mol.ldx.security.Pseudonymiser;

/** The pseudonyms the stack's gateway must show an agency, computed from the stack's own master secret. */
public final class Pseudonyms {

    private static Pseudonymiser pseudonymiser;

    private Pseudonyms() {
    }

    /** The pseudonym {@code agency} sees for {@code identifier} under the first version of its key. */
    public static String of(String agency, String identifier) {
        return of(agency, 1, identifier);
    }

    public static synchronized String of(String agency, int keyVersion, String identifier) {
        if (pseudonymiser == null) {
            pseudonymiser = new Pseudonymiser(LdxStack.stack().pseudonymSecret());
        }
        return pseudonymiser.pseudonym(new PseudonymDomain(agency, keyVersion), identifier);
    }
}
