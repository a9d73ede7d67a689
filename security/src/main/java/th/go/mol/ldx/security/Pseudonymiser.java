package th.go.mol.ldx.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces an identifier with a keyed pseudonym (HMAC-SHA256). The pseudonym is stable for one agency,
 * so an agency can link its own records over time, but differs between agencies, so two agencies cannot
 * join their copies on it (PDPA: least privilege). Without the key the pseudonym cannot be reversed or recomputed.
 */
public final class Pseudonymiser {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    /** 128 bits of the MAC: collision-free in practice for a population of 10^8, shorter to carry. */
    private static final int PSEUDONYM_BYTES = 16;

    /**
     * One keyed MAC per thread, made once: looking the algorithm up and keying it cost more than the MAC of an ID,
     * and the relay and every page of records pseudonymise each national ID they carry. {@code doFinal} leaves the
     * MAC ready for the next one.
     */
    private final ThreadLocal<Mac> macs;

    public Pseudonymiser(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a pseudonymisation key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        SecretKeySpec spec = new SecretKeySpec(key.clone(), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> keyed(spec));
    }

    /** The pseudonym that {@code agency} sees for {@code identifier}: 32 lowercase hex characters. */
    public String pseudonym(String agency, String identifier) {
        byte[] agencyBytes = agency.getBytes(StandardCharsets.UTF_8);
        byte[] identifierBytes = identifier.getBytes(StandardCharsets.UTF_8);
        // Nothing between the first update and doFinal can fail, so the thread's MAC never keeps a partial input.
        Mac mac = macs.get();
        mac.update(agencyBytes);
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(identifierBytes);
        return HexFormat.of().formatHex(digest, 0, PSEUDONYM_BYTES);
    }

    private static Mac keyed(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
