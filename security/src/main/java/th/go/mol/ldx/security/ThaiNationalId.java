package th.go.mol.ldx.security;

import java.util.Objects;

/**
 * A Thai national identification number: 13 digits, the last a check digit over the first twelve
 * (weights 13..2, sum mod 11, subtracted from 11, mod 10).
 */
public record ThaiNationalId(String digits) {

    private static final int LENGTH = 13;

    public ThaiNationalId {
        Objects.requireNonNull(digits, "digits");
        if (!isValid(digits)) {
            throw new IllegalArgumentException("not a Thai national ID (13 digits with a valid check digit)");
        }
    }

    /** Whether the text is 13 ASCII digits whose last digit is the check digit of the first twelve. */
    public static boolean isValid(String text) {
        if (text == null || text.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return checkDigit(text.substring(0, LENGTH - 1)) == text.charAt(LENGTH - 1) - '0';
    }

    /** Completes twelve digits with their check digit. */
    public static ThaiNationalId withCheckDigit(String firstTwelve) {
        if (firstTwelve == null || !firstTwelve.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("expected 12 digits");
        }
        return new ThaiNationalId(firstTwelve + checkDigit(firstTwelve));
    }

    private static int checkDigit(String firstTwelve) {
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += (firstTwelve.charAt(i) - '0') * (LENGTH - i);
        }
        return (11 - sum % 11) % 10;
    }

    @Override
    public String toString() {
        return digits.substring(0, 1) + "-xxxx-xxxxx-" + digits.substring(10, 12) + "-" + digits.charAt(12);
    }
}
