package th.go.mol.ldx.gateway.grants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import th.go.mol.ldx.gateway.access.ActiveGrants;
import th.go.mol.ldx.gateway.access.GrantTerms;
import th.go.mol.ldx.gateway.access.RowFilter;
import th.go.mol.ldx.gateway.db.Sql;

/**
 * Grants and their events in PostgreSQL. The policy reads an agency's approved grants on a dataset on every read:
 * they are held for {@code ldx.grants.cache-ttl} (a revoked grant is refused within 5 s on every replica), and
 * forgotten at once here when a grant of this replica changes.
 */
@ApplicationScoped
public class GrantRepository implements ActiveGrants {

    /**
     * Approved grants with their agency's pseudonym key version, and where their history begins: as bound at the
     * approval, or, for one approved to take effect later, after the last change committed before its validFrom
     * (found from the end of the change log, as validFrom has just passed when it is first read in effect).
     */
    private static final String APPROVED = "SELECT g.*, COALESCE(o.pseudonym_key_version, 1) AS pseudonym_key_version,"
            + " COALESCE(g.history_after, (SELECT c.seq FROM record_change c WHERE c.dataset_id = g.dataset_id"
            + " AND c.changed_at < g.valid_from ORDER BY c.seq DESC LIMIT 1), 0) AS history_from"
            + " FROM data_grant g LEFT JOIN organisation o ON o.id = g.agency WHERE g.status = 'approved'";

    private final Sql sql;
    private final TransactionSynchronizationRegistry transactions;
    private final Cache<String, List<GrantTerms>> held;

    GrantRepository(Sql sql, GrantsConfig config, TransactionSynchronizationRegistry transactions) {
        this.sql = sql;
        this.transactions = transactions;
        this.held = Caffeine.newBuilder().expireAfterWrite(config.cacheTtl()).maximumSize(100_000).build();
    }

    @Override
    public List<GrantTerms> approved(String agency, String datasetId) {
        return held.get(agency + "\n" + datasetId, pair -> sql.list(APPROVED + " AND g.agency = ? AND g.dataset_id = ?",
                this::terms, agency, datasetId));
    }

    @Override
    public List<GrantTerms> approved() {
        return sql.list(APPROVED, this::terms);
    }

    /** The version of an agency's pseudonym key (1 for an agency LDX has no record of), as {@link #approved} reads it. */
    int pseudonymKeyOf(String agency) {
        return sql.one("SELECT pseudonym_key_version FROM organisation WHERE id = ?", rs -> rs.getInt(1), agency)
                .orElse(1);
    }

    Optional<Grant.Stored> find(UUID id) {
        return sql.one("SELECT * FROM data_grant WHERE id = ?", this::stored, id);
    }

    /** Reads and locks a grant until the transaction ends, so two decisions on it happen one after the other. */
    Optional<Grant.Stored> lock(UUID id) {
        return sql.one("SELECT * FROM data_grant WHERE id = ? FOR UPDATE", this::stored, id);
    }

    /** Serialises the approvals of one agency on one dataset, which may supersede each other. */
    void lockPair(String agency, String datasetId) {
        sql.list("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> Boolean.TRUE, "grant:" + agency + "/" + datasetId);
    }

    /**
     * Grants visible to {@code reader} (null: every grant), optionally of one agency and one dataset, newest first.
     * A reader sees its own grants as an agency and, with {@code owner}, the grants on the datasets it owns.
     */
    List<Grant.Stored> search(String reader, boolean owner, String agency, String datasetId) {
        return sql.list("""
                SELECT g.* FROM data_grant g JOIN dataset d ON d.id = g.dataset_id
                WHERE (?::text IS NULL OR g.agency = ? OR (? AND d.owner = ?))
                  AND (?::text IS NULL OR g.agency = ?) AND (?::text IS NULL OR g.dataset_id = ?)
                ORDER BY g.requested_at DESC, g.id
                """, this::stored, reader, reader, owner, reader, agency, agency, datasetId, datasetId);
    }

    /** The approved grants of a pair, locked until the transaction ends: a revocation and a supersession queue up. */
    List<Grant.Stored> lockApprovedOf(String agency, String datasetId) {
        return sql.list("SELECT * FROM data_grant WHERE agency = ? AND dataset_id = ? AND status = 'approved' FOR UPDATE",
                this::stored, agency, datasetId);
    }

    void insert(Grant.Stored grant, String requestedBy, Instant at) {
        sql.update("""
                INSERT INTO data_grant (id, agency, dataset_id, fields, row_filter, purposes, identified, valid_from,
                                        valid_until, status, requested_by, requested_at)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
                """, grant.id(), grant.agency(), grant.datasetId(), fieldsJson(grant.fields()), grant.rows().toJson(),
                grant.purposes().toArray(String[]::new), grant.identified(), grant.validFrom(), grant.validUntil(),
                grant.status().code(), requestedBy, at);
    }

    void update(UUID id, GrantState.Status status, Instant validFrom, Instant validUntil) {
        // Forgotten once the change is visible, not before: a read in between would hold the old grant again.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                held.invalidateAll();
            }
        });
        sql.update("UPDATE data_grant SET status = ?, valid_from = ?, valid_until = ? WHERE id = ?", status.code(),
                validFrom, validUntil, id);
    }

    /**
     * Binds an approved grant's history to {@code continued} (the history of the grant it renews), or to the
     * dataset's sequence now when it takes effect now: the changes committed before are not its to read as history
     * (it starts from a snapshot). A grant that takes effect {@code later} is left unbound: {@link #APPROVED} finds
     * the last change before its validFrom.
     */
    void bindHistory(UUID id, Long continued, boolean later) {
        if (continued == null && later) {
            return;
        }
        sql.update("UPDATE data_grant g SET history_after = COALESCE(?::bigint, d.change_seq) FROM dataset d"
                + " WHERE g.id = ? AND d.id = g.dataset_id", continued, id);
    }

    void appendEvent(UUID id, String action, String actor, Instant at, String note) {
        sql.update("""
                INSERT INTO grant_event (grant_id, seq, action, actor, at, note)
                VALUES (?, (SELECT coalesce(max(seq), 0) + 1 FROM grant_event WHERE grant_id = ?), ?, ?, ?, ?)
                """, id, id, action, actor, at, note);
    }

    /** The stored events of each grant, in order. */
    Map<UUID, List<GrantEvent>> events(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        record Keyed(UUID grant, GrantEvent event) {
        }
        return sql.list("SELECT * FROM grant_event WHERE grant_id = ANY(?) ORDER BY grant_id, seq",
                        rs -> new Keyed(rs.getObject("grant_id", UUID.class), new GrantEvent(rs.getString("action"),
                                rs.getString("actor"), Sql.instant(rs, "at"), rs.getString("note"))),
                        (Object) ids.toArray(UUID[]::new)).stream()
                .collect(Collectors.groupingBy(Keyed::grant, Collectors.mapping(Keyed::event, Collectors.toList())));
    }

    /** An approved grant's terms, with its agency's key version (1 for an agency LDX has no record of). */
    private GrantTerms terms(ResultSet rs) throws SQLException {
        return stored(rs).terms(rs.getInt("pseudonym_key_version"), rs.getLong("history_from"));
    }

    private Grant.Stored stored(ResultSet rs) throws SQLException {
        List<String> fields = new ArrayList<>();
        sql.json(rs, "fields").forEach(f -> fields.add(f.asText()));
        return new Grant.Stored(rs.getObject("id", UUID.class), rs.getString("agency"), rs.getString("dataset_id"),
                List.copyOf(fields), RowFilter.ofStored(sql.json(rs, "row_filter")), Sql.texts(rs, "purposes"),
                rs.getBoolean("identified"), Sql.instant(rs, "valid_from"), Sql.instant(rs, "valid_until"),
                GrantState.Status.ofCode(rs.getString("status")), Sql.longOrNull(rs, "history_after"));
    }

    private static JsonNode fieldsJson(List<String> fields) {
        var array = JsonNodeFactory.instance.arrayNode();
        fields.forEach(array::add);
        return array;
    }
}
