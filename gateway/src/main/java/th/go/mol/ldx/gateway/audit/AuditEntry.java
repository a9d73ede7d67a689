package th.go.mol.ldx.gateway.audit;

import java.time.Instant;
import java.util.UUID;
import th.go.mol.ldx.gateway.db.Sql;

/**
 * One line of the audit log: who did what, to which dataset, for which purpose, with which result. {@code detail} is
 * the request's own terms as JSON text (path parameters, query parameters); {@code records} is how many records the
 * answer carried, when it carried records. The chain fields ({@code seq}, {@code prevHash}, {@code hash}) are set
 * when the entry is appended; before that they are 0 and null.
 */
public record AuditEntry(long seq, Instant at, Kind kind, String action, String credential, String agency,
        String datasetId, String purpose, UUID grantId, String detail, Integer records, int outcome, String traceId,
        String prevHash, String hash) {

    /** A data access (read or publish of records) or an admin action (credentials, grants, catalog). */
    public enum Kind {
        ACCESS, ADMIN;

        public String stored() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind ofStored(String stored) {
            return valueOf(stored.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The same entry for a request that was answered 503 because its entry was late: it returned no records. */
    AuditEntry unanswered() {
        return new AuditEntry(seq, at, kind, action, credential, agency, datasetId, purpose, grantId, detail, null,
                503, traceId, prevHash, hash);
    }

    /**
     * The entry that closes a streamed answer, once it is written: action {@code <action>.completed} when it was
     * written whole, {@code <action>.cut-off} when it broke off (the caller went away, or the gateway failed), with
     * the records it carried.
     */
    AuditEntry streamed(int written, boolean whole) {
        return new AuditEntry(seq, Sql.stored(Instant.now()), kind, action + (whole ? ".completed" : ".cut-off"),
                credential, agency, datasetId, purpose, grantId, detail, written, outcome, traceId, prevHash, hash);
    }

    /** The same entry placed in the chain after the entry {@code seq - 1}, whose hash is {@code prevHash}. */
    AuditEntry chained(long seq, String prevHash) {
        AuditEntry linked = new AuditEntry(seq, at, kind, action, credential, agency, datasetId, purpose, grantId, detail,
                records, outcome, traceId, prevHash, null);
        return new AuditEntry(seq, at, kind, action, credential, agency, datasetId, purpose, grantId, detail, records,
                outcome, traceId, prevHash, AuditChain.hashOf(linked));
    }
}
