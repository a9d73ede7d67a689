package th.go.mol.ldx.security;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The master secret every pseudonym derives from ({@link Pseudonymiser}), and why it may not be one: whoever
 * holds it can compute every agency's pseudonym of any national ID, so a secret that can be guessed undoes them all.
 * Production refuses a secret shorter than 32 bytes, one that holds a known placeholder (the example a manifest or
 * a README ships with), a short block repeated, or one whose bytes carry fewer than 128 bits by their frequencies.
 * {@code toString} never shows it.
 */
public final class PseudonymSecret {

    private static final int MIN_BYTES = 32;
    private static final int MIN_ENTROPY_BITS = 128;
    /** Words that mark a value written to be replaced, in examples, defaults and manifests. */
    private static final List<String> PLACEHOLDERS = List.of("change-me", "changeme", "change_me", "replace-me",
            "replaceme", "example", "placeholder", "not-for-production", "dev-only", "devstack", "00000000");

    private final byte[] bytes;

    private PseudonymSecret(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static PseudonymSecret of(byte[] bytes) {
        return new PseudonymSecret(bytes);
    }

    /** A secret given as text (an environment variable, a file's content without its final line break). */
    public static PseudonymSecret of(String text) {
        return new PseudonymSecret(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Why this secret must not protect production, or empty when nothing is known against it. */
    public Optional<String> weakness() {
        if (bytes.length < MIN_BYTES) {
            return Optional.of("it is shorter than " + MIN_BYTES + " bytes");
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String placeholder : PLACEHOLDERS) {
            if (text.contains(placeholder)) {
                return Optional.of("it holds '" + placeholder + "', the mark of a placeholder");
            }
        }
        if (repeated()) {
            return Optional.of("it is a short block repeated");
        }
        double bits = entropyBits();
        if (bits < MIN_ENTROPY_BITS) {
            return Optional.of(String.format(Locale.ROOT, "its bytes carry about %.0f bits, fewer than %d",
                    bits, MIN_ENTROPY_BITS));
        }
        return Optional.empty();
    }

    /** Whether the bytes are a block of at most half their length, repeated. */
    private boolean repeated() {
        for (int period = 1; period <= bytes.length / 2; period++) {
            boolean same = true;
            for (int i = period; i < bytes.length && same; i++) {
                same = bytes[i] == bytes[i - period];
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    /** The bytes' Shannon entropy by their own frequencies, times their number: an upper estimate of the bits. */
    private double entropyBits() {
        int[] counts = new int[256];
        for (byte b : bytes) {
            counts[b & 0xff]++;
        }
        double perByte = 0;
        for (int count : counts) {
            if (count > 0) {
                double p = (double) count / bytes.length;
                perByte -= p * Math.log(p) / Math.log(2);
            }
        }
        return perByte * bytes.length;
    }

    @Override
    public String toString() {
        return "PseudonymSecret[" + bytes.length + " bytes]";
    }
}
