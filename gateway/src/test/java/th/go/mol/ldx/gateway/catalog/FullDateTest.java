package th.go.mol.ldx.gateway.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.format.DateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** LDX's {@code date} check accepts what networknt's own check accepts, RFC 3339's four-digit years only. */
class FullDateTest {

    private final FullDate date = new FullDate();
    private final DateFormat library = new DateFormat();

    @Test
    void everyDayOfFourHundredYearsAndTheDaysAroundEachMonthAgreeWithTheLibrary() {
        List<String> values = new ArrayList<>();
        for (int year = 1800; year < 2200; year++) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    values.add(String.format("%04d-%02d-%02d", year, month, day));
                }
            }
        }
        values.forEach(this::agree);
        assertTrue(date.matches(null, "2024-02-29"));
        assertFalse(date.matches(null, "2023-02-29"));
        assertFalse(date.matches(null, "1900-02-29"));
        assertTrue(date.matches(null, "2000-02-29"));
    }

    @Test
    void otherShapesAgreeWithTheLibrary() {
        List.of("", "2020-1-01", "2020-01-1", "20-01-01", "02020-01-01", "+2020-01-01", "-2020-01-01", "0000-01-01",
                "9999-12-31", "10000-01-01", "2020/01/01", "2020-01-01T00:00:00Z", "2020-01-01 ", " 2020-01-01",
                "๒๕๖๓-๐๒-๑๙", "２０２０-０１-０１", "2020-0a-01", "2020-01-3a", "abcd-ef-gh", "2020--1-01", "2020-01--1",
                "19/02/2563", "2563-02-19", "2020-00-10", "2020-13-10").forEach(this::agree);
    }

    @Test
    void aYearWithASignAndMoreThanFourDigitsIsNoRfc3339DateThoughJavaTimeReadsIt() {
        for (String expanded : List.of("+02020-01-01", "+0000000001-01-01", "+12020-01-01")) {
            assertTrue(java.time.LocalDate.parse(expanded).getYear() >= 0, expanded);
            assertFalse(date.matches(null, expanded), expanded);
        }
    }

    @Test
    void randomStringsOfItsLengthFromItsAlphabetAgreeWithTheLibrary() {
        Random random = new Random(20261207);
        String alphabet = "0123456789-+ T:Z/";
        for (int n = 0; n < 200_000; n++) {
            char[] value = new char[10];
            for (int i = 0; i < value.length; i++) {
                value[i] = random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('0' + random.nextInt(10));
            }
            value[4] = random.nextInt(20) == 0 ? value[4] : '-';
            value[7] = random.nextInt(20) == 0 ? value[7] : '-';
            agree(new String(value));
        }
    }

    private void agree(String value) {
        assertEquals(library.matches(null, value), date.matches(null, value), value);
    }
}
