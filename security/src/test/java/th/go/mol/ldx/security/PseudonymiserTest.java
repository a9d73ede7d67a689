package th.go.mol.ldx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final Pseudonymiser pseudonymiser = new Pseudonymiser(KEY);

    @Test
    void sameAgencyAndIdentifierGiveTheSamePseudonym() {
        assertEquals(pseudonymiser.pseudonym("agency-nso", "1103702071561"),
                new Pseudonymiser(KEY).pseudonym("agency-nso", "1103702071561"));
    }

    @Test
    void twoAgenciesCannotJoinOnThePseudonym() {
        assertNotEquals(pseudonymiser.pseudonym("agency-nso", "1103702071561"),
                pseudonymiser.pseudonym("agency-rd", "1103702071561"));
    }

    @Test
    void pseudonymDependsOnTheKeyAndHidesTheIdentifier() {
        String pseudonym = pseudonymiser.pseudonym("agency-nso", "1103702071561");
        byte[] otherKey = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        assertNotEquals(pseudonym, new Pseudonymiser(otherKey).pseudonym("agency-nso", "1103702071561"));
        assertTrue(pseudonym.matches("[0-9a-f]{32}"));
        assertTrue(!pseudonym.contains("1103702071561"));
    }

    /**
     * Pinned values, computed outside Java (Python's hmac: HMAC-SHA256(key, agency || 0x00 || id), first 16 bytes):
     * agencies store pseudonyms, so a change of the function must fail here before it changes every copy.
     */
    @Test
    void pseudonymsMatchTheFixedTestVectors() {
        assertEquals("d793440355e8a9457a1010b1416ea2a8", pseudonymiser.pseudonym("agency-nso", "1103702071561"));
        assertEquals("73b6713e1b5a156184f9815ec12b8d53", pseudonymiser.pseudonym("agency-rd", "1103702071561"));
    }

    @Test
    void refusesAShortKey() {
        assertThrows(IllegalArgumentException.class, () -> new Pseudonymiser(new byte[16]));
    }
}
