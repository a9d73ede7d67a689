package th.go.mol.ldx.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import th.go.mol.ldx.connector.FieldType;

class CellParserTest {

    @Test
    void buddhistEraAndCommonEraDatesInTheFormsDepartmentsWrite() throws Exception {
        assertEquals("2020-02-19", CellParser.parse("19/02/2563", FieldType.DATE).asText());
        assertEquals("2020-02-19", CellParser.parse("๑๙/๐๒/๒๕๖๓", FieldType.DATE).asText());
        assertEquals("2020-02-19", CellParser.parse("19-2-2020", FieldType.DATE).asText());
        assertEquals("2021-01-01", CellParser.parse("1 ม.ค. 2564", FieldType.DATE).asText());
        assertEquals("2019-08-15", CellParser.parse("15 สิงหาคม 2562", FieldType.DATE).asText());
        assertEquals("2024-02-29", CellParser.parse(" 2024-02-29 ", FieldType.DATE).asText());
        assertEquals("2020-02-19", CellParser.parse("2563-02-19", FieldType.DATE).asText());
    }

    @Test
    void datesThatDoNotExistOrCannotBeReadAreRefusedWithTheReason() {
        assertEquals("'31/02/2563' is not a date that exists",
                assertThrows(CellParser.CellException.class, () -> CellParser.parse("31/02/2563", FieldType.DATE)).getMessage());
        assertThrows(CellParser.CellException.class, () -> CellParser.parse("19/02/63", FieldType.DATE));
        assertThrows(CellParser.CellException.class, () -> CellParser.parse("19 Feb 2020", FieldType.DATE));
    }

    @Test
    void numbersWithThaiDigitsAndThousandsSeparators() throws Exception {
        assertEquals(1234, CellParser.parse("1,234", FieldType.INTEGER).asLong());
        assertEquals(1234, CellParser.parse("๑,๒๓๔", FieldType.INTEGER).asLong());
        assertEquals(750, CellParser.parse("750.0", FieldType.INTEGER).asLong());
        assertEquals("1234567.50", CellParser.parse("1,234,567.50", FieldType.NUMBER).decimalValue().toPlainString());
        assertThrows(CellParser.CellException.class, () -> CellParser.parse("12.5", FieldType.INTEGER));
        assertThrows(CellParser.CellException.class, () -> CellParser.parse("abc", FieldType.NUMBER));
    }

    @Test
    void codesInThaiDigitsBecomeDigitsAndOtherTextStaysAsWritten() throws Exception {
        assertEquals("10", CellParser.parse("๑๐", FieldType.TEXT).asText());
        assertEquals("1101700203450", CellParser.parse("๑๑๐๑๗๐๐๒๐๓๔๕๐", FieldType.TEXT).asText());
        assertEquals("ซอย ๕ บ้านเลขที่ 12", CellParser.parse("ซอย ๕ บ้านเลขที่ 12", FieldType.TEXT).asText());
        assertNull(CellParser.parse("   ", FieldType.TEXT));
        assertEquals(true, CellParser.parse("ใช่", FieldType.BOOLEAN).asBoolean());
    }
}
