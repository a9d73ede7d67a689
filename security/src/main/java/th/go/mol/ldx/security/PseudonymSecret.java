package th.go.mol.ldx.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The master secret every pseudonym derives from ({@link Pseudonymiser}), and why it may not be one: whoever
 * holds it can compute every agency's pseudonym of any national ID, so a secret that can be guessed undoes them all.
 * Production takes a secret in the forms {@code openssl rand} writes: random bytes, or their hex or base64, of at
 * least 32 bytes once decoded. A text in any other form (a sentence, a Thai passphrase) is refused; one that happens
 * to be valid base64 is judged by what it decodes to, which no check can tell from a generated one. It refuses as
 * well a secret that holds a known placeholder (the example a manifest or a README ships with), a short block
 * repeated, or bytes that carry fewer than 128 bits by their frequencies. {@code toString} never shows it.
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
        byte[] material = bytes;
        String written = text();
        if (written != null) {
            material = decoded(written);
            if (material == null) {
                return Optional.of("it is text, not a generated secret: give random bytes, or their hex or base64 "
                        + "(openssl rand -base64 48)");
            }
            if (material.length < MIN_BYTES) {
                return Optional.of("it decodes to " + material.length + " bytes, fewer than " + MIN_BYTES);
            }
        }
        if (repeated(material)) {
            return Optional.of("it is a short block repeated");
        }
        double bits = entropyBits(material);
        if (bits < MIN_ENTROPY_BITS) {
            return Optional.of(String.format(Locale.ROOT, "its bytes carry about %.0f bits, fewer than %d",
                    bits, MIN_ENTROPY_BITS));
        }
        return Optional.empty();
    }

    /**
     * The secret as text, when it is one: valid UTF-8 without control characters other than line breaks and tabs
     * (random bytes almost never are). Null for random bytes.
     */
    private String text() {
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            boolean written = decoded.chars().allMatch(c -> c >= 0x20 && c != 0x7f || c == '\n' || c == '\r'
                    || c == '\t');
            return written ? decoded : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * The bytes a text encodes as hex or base64 (standard or URL-safe, padded or not, wrapped over lines as openssl
     * writes it), or null if neither.
     */
    private static byte[] decoded(String text) {
        String trimmed = text.replaceAll("\\s", "");
        if (trimmed.length() % 2 == 0 && trimmed.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
            return HexFormat.of().parseHex(trimmed);
        }
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
            try {
                return decoder.decode(trimmed);
            } catch (IllegalArgumentException notThisOne) {
                // Try the other alphabet.
            }
        }
        return null;
    }

    /** Whether the bytes are a block of at most half their length, repeated. */
    private static boolean repeated(byte[] bytes) {
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
    private static double entropyBits(byte[] bytes) {
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
