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

    @Test
    void completesTwelveDigitsWithTheirCheckDigit() {
        assertEquals("1103702071561", ThaiNationalId.withCheckDigit("110370207156").digits());
        for (int n = 0; n < 1000; n++) {
            String twelve = String.format("%012d", n * 7_919_113L);
            assertTrue(ThaiNationalId.isValid(ThaiNationalId.withCheckDigit(twelve).digits()));
        }
    }

    @Test
    void printsOnlyAMaskedFormSoLogsDoNotLeakIt() {
        assertEquals("1-xxxx-xxxxx-56-1", new ThaiNationalId("1103702071561").toString());
    }
}
