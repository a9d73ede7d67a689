package th.go.mol.ldx.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OfficialCodesTest {

    @Test
    void knowsTheSeventySevenProvinces() {
        assertEquals(77, OfficialCodes.provinceCount());
        for (String code : new String[] {"10", "38", "50", "96"}) {
            assertTrue(OfficialCodes.isProvinceCode(code), code);
        }
        for (String code : new String[] {"28", "29", "59", "68", "97", "00", "1", "100", " 10", "๑๐", null}) {
            assertFalse(OfficialCodes.isProvinceCode(code), String.valueOf(code));
        }
    }

    @Test
    void isicSectionsRunFromAToU() {
        assertTrue(OfficialCodes.isIsicSection("A"));
        assertTrue(OfficialCodes.isIsicSection("U"));
        for (String code : new String[] {"V", "a", "AB", "", "1", null}) {
            assertFalse(OfficialCodes.isIsicSection(code), String.valueOf(code));
        }
    }

    @Test
    void iscoGroupsAtEveryLevelWithinARealSubMajorGroup() {
        for (String code : new String[] {"0", "9", "01", "96", "251", "2512", "9629"}) {
            assertTrue(OfficialCodes.isIscoGroup(code), code);
        }
        for (String code : new String[] {"00", "15", "97", "1512", "25120", "2a", "", null}) {
            assertFalse(OfficialCodes.isIscoGroup(code), String.valueOf(code));
        }
    }
}
