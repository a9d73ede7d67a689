package th.go.mol.ldx.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workbooks whose texts are shared strings, read with the strings kept in a file rather than the heap. */
class XlsxReaderTest {

    @TempDir
    Path dir;

    @Test
    void sharedStringsReadBackAsTheirCellsTextsAndTheirFileIsDeleted() throws IOException {
        Path file = dir.resolve("insured.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("ผู้ประกันตน");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("รหัส");
            header.createCell(1).setCellValue("ชื่อ - สกุล");
            header.createCell(2).setCellValue("จำนวนเงิน");
            for (int n = 1; n <= 3000; n++) {
                Row row = sheet.createRow(n);
                row.createCell(0).setCellValue("B-" + n);
                // Shared by many rows: the table holds it once, the cells name it by its index.
                row.createCell(1).setCellValue(n % 3 == 0 ? "สมหญิง ใจดี" : "Somchai " + n);
                row.createCell(2).setCellValue(n);
            }
            XSSFRichTextString rich = new XSSFRichTextString("ตัวหนา");
            XSSFFont bold = workbook.createFont();
            bold.setBold(true);
            rich.append(" และปกติ", workbook.createFont());
            rich.applyFont(0, 6, bold);
            sheet.createRow(3001).createCell(1).setCellValue(rich);
            workbook.write(out);
        }
        long spilledBefore = spilledFiles();
        List<List<String>> rows = new ArrayList<>();

        new XlsxReader().read(file, (number, cells) -> rows.add(cells));

        assertEquals(3002, rows.size());
        assertEquals(List.of("รหัส", "ชื่อ - สกุล", "จำนวนเงิน"), rows.get(0));
        assertEquals(List.of("B-2", "Somchai 2", "2"), rows.get(2));
        assertEquals(List.of("B-3", "สมหญิง ใจดี", "3"), rows.get(3));
        assertEquals(List.of("B-3000", "สมหญิง ใจดี", "3000"), rows.get(3000));
        assertEquals(List.of("", "ตัวหนา และปกติ"), rows.get(3001));
        assertEquals(spilledBefore, spilledFiles(), "the shared strings' file is deleted once the workbook is read");
    }

    @Test
    void aStringIsTheTextOfItsRunsWithoutPhoneticRuns() throws IOException {
        String table = """
                <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="3">
                  <si><t>กรุงเทพมหานคร</t></si>
                  <si><r><rPr><b/></rPr><t>ab</t></r><r><t xml:space="preserve"> c</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>
                  <si><t/></si>
                </sst>""";
        try (SpilledSharedStrings strings = SpilledSharedStrings.read(
                new ByteArrayInputStream(table.getBytes(StandardCharsets.UTF_8)))) {
            assertEquals(3, strings.getUniqueCount());
            assertEquals(5, strings.getCount());
            assertEquals("ab c", strings.getItemAt(1).getString());
            assertEquals("กรุงเทพมหานคร", strings.getItemAt(0).getString());
            assertEquals("", strings.getItemAt(2).getString());
        }
    }

    private static long spilledFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("ldx-shared-strings-")).count();
        }
    }
}
