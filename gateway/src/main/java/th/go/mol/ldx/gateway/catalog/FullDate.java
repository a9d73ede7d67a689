package th.go.mol.ldx.gateway.catalog;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.format.DateFormat;
import java.time.Month;
import java.time.Year;

/**
 * The {@code date} format, RFC 3339's full-date: a year of four digits, a month, and a day the month has. networknt
 * checks it with {@code LocalDate.parse}, which allocated a parse context for every date, an eighth of a record's
 * validation under batch ingest (ADR 011). FullDateTest shows that it accepts what the library accepts, except the
 * years that {@code java.time} writes with a sign and more than four digits ({@code +02020-01-01}), which RFC 3339
 * does not allow.
 */
final class FullDate extends DateFormat {

    @Override
    public boolean matches(ExecutionContext context, String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return false;
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 7);
        int day = digits(value, 8, 10);
        return year >= 0 && month >= 1 && month <= 12 && day >= 1
                && day <= Month.of(month).length(Year.isLeap(year));
    }

    /** The ASCII digits from {@code from} to {@code to} as a number, or -1 when another character is among them. */
    private static int digits(String value, int from, int to) {
        int number = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + c - '0';
        }
        return number;
    }
}
