package th.go.mol.ldx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final PseudonymDomain NSO = new PseudonymDomain("agency-nso", 1);
    private static final PseudonymDomain RD = new PseudonymDomain("agency-rd", 1);
    private final Pseudonymiser pseudonymiser = new Pseudonymiser(KEY);

    @Test
    void sameDomainAndIdentifierGiveTheSamePseudonym() {
        assertEquals(pseudonymiser.pseudonym(NSO, "1103702071561"),
                new Pseudonymiser(KEY).pseudonym(new PseudonymDomain("agency-nso", 1), "1103702071561"));
    }

    @Test
    void twoAgenciesCannotJoinOnThePseudonym() {
        assertNotEquals(pseudonymiser.pseudonym(NSO, "1103702071561"), pseudonymiser.pseudonym(RD, "1103702071561"));
    }

    @Test
    void aRotatedKeyGivesTheAgencyPseudonymsUnrelatedToItsOldOnes() {
        assertNotEquals(pseudonymiser.pseudonym(NSO, "1103702071561"),
                pseudonymiser.pseudonym(new PseudonymDomain("agency-nso", 2), "1103702071561"));
    }

    @Test
    void pseudonymDependsOnTheKeyAndHidesTheIdentifier() {
        String pseudonym = pseudonymiser.pseudonym(NSO, "1103702071561");
        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        assertNotEquals(pseudonym, new Pseudonymiser(otherKey).pseudonym(NSO, "1103702071561"));
        assertTrue(pseudonym.matches("[0-9a-f]{32}"));
        assertTrue(!pseudonym.contains("1103702071561"));
    }

    /**
     * Pinned values, computed outside Java (Python's hmac: the domain key HMAC-SHA256(master, "ldx-pseudonym-domain"
     * 0x00 version 0x00 agency), then HMAC-SHA256(domain key, id), first 16 bytes): agencies store pseudonyms, so a
     * change of the function must fail here before it changes every copy.
     */
    @Test
    void pseudonymsMatchTheFixedTestVectors() {
        assertEquals("4731c5d3f22a00569d048c6e8bbeefb6", pseudonymiser.pseudonym(NSO, "1103702071561"));
        assertEquals("899f7ccce44d025382e484226a13a779", pseudonymiser.pseudonym(RD, "1103702071561"));
        assertEquals("171358c30327d45d4670ee5387904232",
                pseudonymiser.pseudonym(new PseudonymDomain("agency-nso", 2), "1103702071561"));
    }

    @Test
    void refusesAShortKey() {
        assertThrows(IllegalArgumentException.class, () -> new Pseudonymiser(new byte[16]));
    }
}
