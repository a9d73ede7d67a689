package th.go.mol.ldx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThaiNationalIdTest {

    @Test
    void acceptsANumberWhoseLastDigitIsTheCheckDigit() {
        // 1-1037-02071-56-? : weighted sum 1*13+1*12+0*11+3*10+7*9+0*8+2*7+0*6+7*5+1*4+5*3+6*2 = 198, 198 % 11 = 0, (11-0)%10 = 1
        assertTrue(ThaiNationalId.isValid("1103702071561"));
    }

    @Test
    void rejectsAWrongCheckDigitAndMalformedText() {
        assertFalse(ThaiNationalId.isValid("1103702071562"));
        assertFalse(ThaiNationalId.isValid("110370207156"));
        assertFalse(ThaiNationalId.isValid("11037020715610"));
        assertFalse(ThaiNationalId.isValid("11037O2071561"));
        assertFalse(ThaiNationalId.isValid(null));
        assertThrows(IllegalArgumentException.class, () -> new ThaiNationalId("1103702071562"));
    }

    /**
     * Against an oracle written here from the definition (digit i weighs 13 - i; check = (11 - sum mod 11) mod 10):
     * for each of a thousand numbers, the completed ID carries the oracle's digit, and of the ten possible last
     * digits exactly that one is valid.
     */
    @Test
    void completesTwelveDigitsWithTheirCheckDigit() {
        assertEquals("1103702071561", ThaiNationalId.withCheckDigit("110370207156").digits());
        for (int n = 0; n < 1000; n++) {
            String twelve = String.format("%012d", n * 7_919_113L);
            char expected = checkDigitByDefinition(twelve);
            assertEquals(twelve + expected, ThaiNationalId.withCheckDigit(twelve).digits());
            for (char last = '0'; last <= '9'; last++) {
                assertEquals(last == expected, ThaiNationalId.isValid(twelve + last), twelve + last);
            }
        }
    }

    private static char checkDigitByDefinition(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelve.charAt(i) - '0') * (13 - i);
        }
        return (char) ('0' + (11 - sum % 11) % 10);
    }

    @Test
    void printsOnlyAMaskedFormSoLogsDoNotLeakIt() {
        assertEquals("1-xxxx-xxxxx-56-1", new ThaiNationalId("1103702071561").toString());
    }
}
