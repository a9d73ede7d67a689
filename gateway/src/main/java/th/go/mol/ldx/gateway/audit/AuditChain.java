package th.go.mol.ldx.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The hash chain of the audit log. An entry's hash is SHA-256 over the JSON array {@code [seq, at, kind, action,
 * credential, agency, datasetId, purpose, grantId, detail, records, outcome, traceId, prevHash]} (UTF-8, no spaces,
 * {@code at} in ISO-8601 as {@link java.time.Instant#toString()} prints it, absent values as {@code null}), and
 * {@code prevHash} is the hash of the entry before, or 64 zeros before the first. Anyone can recompute it from the
 * table with any JSON library; changing a stored value, removing a row or inserting one breaks it at that row.
 */
public final class AuditChain {

    /** The link before the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** Its own mapper: the chain must not change with the application's JSON settings. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditChain() {
    }

    static String hashOf(AuditEntry entry) {
        try {
            byte[] canonical = JSON.writeValueAsBytes(Arrays.asList(entry.seq(), entry.at().toString(),
                    entry.kind().stored(), entry.action(), entry.credential(), entry.agency(), entry.datasetId(),
                    entry.purpose(), entry.grantId() == null ? null : entry.grantId().toString(), entry.detail(),
                    entry.records(), entry.outcome(), entry.traceId(), entry.prevHash()));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash an audit entry", e);
        }
    }

    /**
     * What is wrong with {@code entry} as the successor of the entry {@code previousSeq} whose hash is
     * {@code previousHash}, or empty when it is its rightful successor.
     */
    static Optional<String> breakOf(AuditEntry entry, long previousSeq, String previousHash) {
        if (entry.seq() != previousSeq + 1) {
            return Optional.of("entry " + (previousSeq + 1) + " is missing: the entry after " + previousSeq + " is "
                    + entry.seq());
        }
        if (!entry.prevHash().equals(previousHash)) {
            return Optional.of("its link to the entry before does not match that entry's hash");
        }
        if (!hashOf(entry).equals(entry.hash())) {
            return Optional.of("its content does not match its hash");
        }
        return Optional.empty();
    }
}
