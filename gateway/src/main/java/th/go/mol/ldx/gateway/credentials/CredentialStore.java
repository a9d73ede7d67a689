package th.go.mol.ldx.gateway.credentials;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import th.go.mol.ldx.gateway.db.Sql;

/** The credentials LDX issued, kept in PostgreSQL (never their secrets). */
@ApplicationScoped
public class CredentialStore {

    /** What every replica needs to know of a credential to admit or refuse its tokens. */
    public record Revocation(String clientId, String organisationId, Organisation.Kind kind, Credential.Status status,
            Instant notBefore) {
    }

    private final Sql sql;

    CredentialStore(Sql sql) {
        this.sql = sql;
    }

    void insert(Credential c) {
        sql.update("""
                INSERT INTO credential (client_id, organisation_id, name, description, tier, keycloak_id, status,
                    not_before, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, c.clientId(), c.organisationId(), c.name(), c.description(), c.tier(), c.keycloakId(),
                c.status().code(), c.tokensValidFrom(), c.createdAt(), c.createdBy());
    }

    Optional<Credential> find(String clientId) {
        return sql.one("SELECT * FROM credential WHERE client_id = ?", CredentialStore::credential, clientId);
    }

    List<Credential> ofOrganisation(String organisationId) {
        return sql.list("SELECT * FROM credential WHERE organisation_id = ? ORDER BY client_id",
                CredentialStore::credential, organisationId);
    }

    void rotated(String clientId, Instant at, Instant notBefore) {
        sql.update("""
                UPDATE credential SET secret_rotated_at = ?, not_before = greatest(not_before, ?)
                WHERE client_id = ? AND status <> 'deleted'
                """, at, notBefore, clientId);
    }

    /** Moves a credential to {@code status}; a deleted credential stays deleted, whatever call raced it. */
    void status(String clientId, Credential.Status status, Instant at, Instant notBefore) {
        sql.update("""
                UPDATE credential SET status = ?, status_changed_at = ?, not_before = greatest(not_before, ?)
                WHERE client_id = ? AND status <> 'deleted'
                """, status.code(), at, notBefore, clientId);
    }

    /** Every credential's revocation state; a few thousand rows at most. */
    List<Revocation> revocations() {
        return sql.list("""
                SELECT c.client_id, c.organisation_id, o.kind, c.status, c.not_before
                FROM credential c JOIN organisation o ON o.id = c.organisation_id
                """, rs -> new Revocation(rs.getString("client_id"), rs.getString("organisation_id"),
                Organisation.Kind.ofCode(rs.getString("kind")), Credential.Status.ofCode(rs.getString("status")),
                Sql.instant(rs, "not_before")));
    }

    /** Records when credentials were last used, never moving a time backwards. */
    void used(Map<String, Instant> lastUses) {
        if (lastUses.isEmpty()) {
            return;
        }
        sql.update("""
                UPDATE credential c SET last_used_at = greatest(c.last_used_at, u.at)
                FROM unnest(?::text[], ?::timestamptz[]) AS u(client_id, at)
                WHERE c.client_id = u.client_id
                """, lastUses.keySet().toArray(String[]::new),
                lastUses.values().stream().map(Instant::toString).toArray(String[]::new));
    }

    private static Credential credential(ResultSet rs) throws SQLException {
        return new Credential(rs.getString("client_id"), rs.getString("organisation_id"), rs.getString("name"),
                rs.getString("description"), rs.getString("tier"), Credential.Status.ofCode(rs.getString("status")),
                Sql.instant(rs, "created_at"), rs.getString("created_by"), Sql.instant(rs, "secret_rotated_at"),
                Sql.instant(rs, "status_changed_at"), Sql.instant(rs, "last_used_at"), Sql.instant(rs, "not_before"),
                rs.getString("keycloak_id"));
    }
}
