package th.go.mol.ldx.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The order-independent digest of a set of records, by key and version, that {@code GET /v1/datasets/{id}/digest}
 * answers for a reader's view and that a subscriber computes over its replica to prove the two hold the same
 * records. Each record contributes the first 8 bytes of SHA-256(UTF-8(key + "\n" + version)) as an unsigned
 * 64-bit number; the digest is their sum modulo 2^64, written as 16 lowercase hex digits. A sum, not an XOR: a
 * subscriber keeps it up to date as changes arrive ({@link #remove} the old version, {@link #add} the new one).
 */
public final class ViewDigest {

    /** The name of the algorithm in the digest answer. */
    public static final String ALGORITHM = "sum64-sha256";

    private long records;
    private long sum;

    public ViewDigest add(String key, long version) {
        records++;
        sum += contribution(key, version);
        return this;
    }

    public ViewDigest remove(String key, long version) {
        records--;
        sum -= contribution(key, version);
        return this;
    }

    public long records() {
        return records;
    }

    public String hash() {
        return hex(sum);
    }

    /** 16 lowercase hex digits of a 64-bit sum (two's complement is the same bits as the unsigned sum). */
    public static String hex(long sum) {
        return String.format("%016x", sum);
    }

    static long contribution(String key, long version) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((key + "\n" + version).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
