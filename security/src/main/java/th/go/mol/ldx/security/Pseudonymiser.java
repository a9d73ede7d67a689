package th.go.mol.ldx.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces an identifier with a keyed pseudonym. Each {@link PseudonymDomain} (an agency at a key version) has a key
 * of its own, derived from one master secret: HMAC-SHA256(master, "ldx-pseudonym-domain" 0x00 version 0x00 agency);
 * the pseudonym is the first 16 bytes of HMAC-SHA256(domain key, identifier), in hex. So an agency links its own
 * records over time and across its datasets, two agencies cannot join their copies on it, and a rotation (the next
 * version) gives the agency pseudonyms unrelated to those it held. Without the master secret the pseudonym can be
 * neither reversed nor recomputed, and a domain key opens no other domain (PDPA: least privilege).
 */
public final class Pseudonymiser {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_KEY_BYTES = 32;
    /** 128 bits of the MAC: collision-free in practice for a population of 10^8, shorter to carry. */
    private static final int PSEUDONYM_BYTES = 16;
    private static final byte[] LABEL = "ldx-pseudonym-domain".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec master;
    private final Map<PseudonymDomain, SecretKeySpec> domainKeys = new ConcurrentHashMap<>();
    /**
     * Keyed MACs per thread and domain, made once: looking the algorithm up and keying it cost more than the MAC of
     * an ID, and the relay and every page of records pseudonymise each national ID they carry. A domain is an agency
     * at a version: a few dozen. {@code doFinal} leaves each MAC ready for the next ID.
     */
    private final ThreadLocal<Map<PseudonymDomain, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

    public Pseudonymiser(byte[] masterSecret) {
        if (masterSecret == null || masterSecret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a pseudonymisation key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.master = new SecretKeySpec(masterSecret.clone(), ALGORITHM);
    }

    /**
     * A name of the master secret that reveals nothing of it (the first 8 bytes of its MAC of a fixed label, in hex):
     * what a copy records to know that the secret was replaced since it was made.
     */
    public String keyId() {
        Mac mac = keyed(master);
        return HexFormat.of().formatHex(mac.doFinal("ldx-pseudonym-key-id".getBytes(StandardCharsets.US_ASCII)), 0, 8);
    }

    /** The pseudonym that {@code domain} sees for {@code identifier}: 32 lowercase hex characters. */
    public String pseudonym(PseudonymDomain domain, String identifier) {
        Map<PseudonymDomain, Mac> mine = macs.get();
        Mac mac = mine.get(domain);
        if (mac == null) {
            mac = keyed(domainKeys.computeIfAbsent(domain, this::derive));
            mine.put(domain, mac);
        }
        byte[] digest = mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, PSEUDONYM_BYTES);
    }

    private SecretKeySpec derive(PseudonymDomain domain) {
        Mac mac = keyed(master);
        mac.update(LABEL);
        mac.update((byte) 0);
        mac.update(Integer.toString(domain.keyVersion()).getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        return new SecretKeySpec(mac.doFinal(domain.agency().getBytes(StandardCharsets.UTF_8)), ALGORITHM);
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
