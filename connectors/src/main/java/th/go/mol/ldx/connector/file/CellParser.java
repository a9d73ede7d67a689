package th.go.mol.ldx.connector.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import th.go.mol.ldx.connector.FieldType;

/**
 * Turns a cell's text, as Thai departments write it, into the JSON value of a field: Thai digits (๐–๙) read as
 * digits, thousands separators dropped, Buddhist-Era years (2400 and later) moved to the common era, dates written
 * day first ({@code 19/02/2563}, {@code 19 ก.พ. 2563}) or ISO. A value it cannot read is a {@link CellException}.
 */
final class CellParser {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int BUDDHIST_ERA_OFFSET = 543;
    private static final int FIRST_BUDDHIST_ERA_YEAR = 2400;
    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ].*)?");
    private static final Pattern DAY_FIRST = Pattern.compile("(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{4})");
    private static final Pattern DAY_MONTH_NAME = Pattern.compile("(\\d{1,2})\\s*([^\\d\\s]+)\\s*(\\d{4})");
    private static final Pattern DIGITS_ONLY = Pattern.compile("[0-9\\-\\s]+");
    private static final Map<String, Integer> THAI_MONTHS = Map.ofEntries(
            Map.entry("ม.ค.", 1), Map.entry("มกราคม", 1), Map.entry("ก.พ.", 2), Map.entry("กุมภาพันธ์", 2),
            Map.entry("มี.ค.", 3), Map.entry("มีนาคม", 3), Map.entry("เม.ย.", 4), Map.entry("เมษายน", 4),
            Map.entry("พ.ค.", 5), Map.entry("พฤษภาคม", 5), Map.entry("มิ.ย.", 6), Map.entry("มิถุนายน", 6),
            Map.entry("ก.ค.", 7), Map.entry("กรกฎาคม", 7), Map.entry("ส.ค.", 8), Map.entry("สิงหาคม", 8),
            Map.entry("ก.ย.", 9), Map.entry("กันยายน", 9), Map.entry("ต.ค.", 10), Map.entry("ตุลาคม", 10),
            Map.entry("พ.ย.", 11), Map.entry("พฤศจิกายน", 11), Map.entry("ธ.ค.", 12), Map.entry("ธันวาคม", 12));

    /** Why a cell could not be read. */
    static final class CellException extends Exception {
        CellException(String reason) {
            super(reason, null, false, false);
        }
    }

    private CellParser() {
    }

    /** The cell's value for the field, or null when the cell is blank. */
    static JsonNode parse(String cell, FieldType type) throws CellException {
        if (cell == null) {
            return null;
        }
        String text = Normalizer.normalize(cell, Normalizer.Form.NFC).strip();
        if (text.isEmpty()) {
            return null;
        }
        String digits = arabicDigits(text);
        return switch (type) {
            case INTEGER -> integer(digits);
            case NUMBER -> number(digits);
            case BOOLEAN -> bool(text);
            case DATE -> JSON.textNode(date(digits).toString());
            default -> JSON.textNode(DIGITS_ONLY.matcher(digits).matches() ? digits : text);
        };
    }

    /** Thai digits ๐–๙ as 0–9. */
    static String arabicDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= '\u0E50' && c <= '\u0E59' ? (char) ('0' + c - '\u0E50') : c);
        }
        return out.toString();
    }

    private static JsonNode integer(String text) throws CellException {
        BigDecimal value = decimal(text, "a whole number");
        try {
            return JSON.numberNode(value.stripTrailingZeros().longValueExact());
        } catch (ArithmeticException e) {
            throw new CellException("'" + text + "' is not a whole number");
        }
    }

    private static JsonNode number(String text) throws CellException {
        return JSON.numberNode(decimal(text, "a number"));
    }

    /** A number with thousands separators (1,234,567.50) or spaces between groups. */
    private static BigDecimal decimal(String text, String what) throws CellException {
        String plain = text.replace(",", "").replace(" ", "").replace("\u00A0", "");
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new CellException("'" + text + "' is not " + what);
        }
    }

    private static JsonNode bool(String text) throws CellException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "y", "1", "ใช่", "จริง" -> JSON.booleanNode(true);
            case "false", "no", "n", "0", "ไม่ใช่", "ไม่จริง" -> JSON.booleanNode(false);
            default -> throw new CellException("'" + text + "' is not yes or no");
        };
    }

    /** ISO (2020-02-19, or an Excel date cell), day first with a year in either era, or a Thai month name. */
    static LocalDate date(String text) throws CellException {
        Matcher iso = ISO_DATE.matcher(text);
        Matcher dayFirst = DAY_FIRST.matcher(text);
        Matcher monthName = DAY_MONTH_NAME.matcher(text);
        try {
            if (iso.matches()) {
                return of(iso.group(1), Integer.parseInt(iso.group(2)), iso.group(3));
            }
            if (dayFirst.matches()) {
                return of(dayFirst.group(3), Integer.parseInt(dayFirst.group(2)), dayFirst.group(1));
            }
            if (monthName.matches() && THAI_MONTHS.containsKey(monthName.group(2))) {
                return of(monthName.group(3), THAI_MONTHS.get(monthName.group(2)), monthName.group(1));
            }
        } catch (DateTimeException e) {
            throw new CellException("'" + text + "' is not a date that exists");
        }
        throw new CellException("'" + text + "' is not a date (day/month/year, in the Buddhist or common era, or ISO)");
    }

    private static LocalDate of(String year, int month, String day) {
        int y = Integer.parseInt(year);
        return LocalDate.of(y >= FIRST_BUDDHIST_ERA_YEAR ? y - BUDDHIST_ERA_OFFSET : y, month, Integer.parseInt(day));
    }
}
