package th.go.mol.ldx.gateway.credentials;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import th.go.mol.ldx.gateway.catalog.LocalizedText;
import th.go.mol.ldx.gateway.db.Sql;

/** The registered agencies and departments, kept in PostgreSQL. */
@ApplicationScoped
public class OrganisationRegistry {

    private final Sql sql;

    OrganisationRegistry(Sql sql) {
        this.sql = sql;
    }

    public List<Organisation> all() {
        return sql.list("SELECT * FROM organisation ORDER BY id", OrganisationRegistry::organisation);
    }

    public Optional<Organisation> find(String id) {
        return sql.one("SELECT * FROM organisation WHERE id = ?", OrganisationRegistry::organisation, id);
    }

    /** Registers a party or updates its registration; answers whether it was new. */
    public boolean put(String id, Organisation.Registration registration) {
        Organisation.Contact contact = registration.contact();
        return sql.one("""
                INSERT INTO organisation (id, kind, name_th, name_en, contact_name, contact_email, contact_phone)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, name_th = EXCLUDED.name_th,
                    name_en = EXCLUDED.name_en, contact_name = EXCLUDED.contact_name,
                    contact_email = EXCLUDED.contact_email, contact_phone = EXCLUDED.contact_phone, updated_at = now()
                RETURNING (xmax = 0) AS inserted
                """, rs -> rs.getBoolean("inserted"), id, registration.kind().code(), registration.name().th(),
                registration.name().en(), contact.name(), contact.email(), contact.phone()).orElseThrow();
    }

    /**
     * Rotates an agency's pseudonym key: the next version, from which its pseudonyms derive on every read from now on
     * (within the grants' cache, at most ldx.grants.cache-ttl) and on its topics once the relay has back-filled them.
     */
    public Optional<Organisation> rotatePseudonymKey(String id) {
        int rotated = sql.update("""
                UPDATE organisation SET pseudonym_key_version = pseudonym_key_version + 1,
                    pseudonym_key_rotated_at = now(), updated_at = now()
                WHERE id = ? AND kind = 'agency'
                """, id);
        return rotated == 0 ? Optional.empty() : find(id);
    }

    private static Organisation organisation(ResultSet rs) throws SQLException {
        return new Organisation(rs.getString("id"), Organisation.Kind.ofCode(rs.getString("kind")),
                new LocalizedText(rs.getString("name_th"), rs.getString("name_en")),
                new Organisation.Contact(rs.getString("contact_name"), rs.getString("contact_email"),
                        rs.getString("contact_phone")),
                Sql.instant(rs, "registered_at"), Sql.instant(rs, "updated_at"),
                new Organisation.PseudonymKey(rs.getInt("pseudonym_key_version"),
                        Sql.instant(rs, "pseudonym_key_rotated_at")));
    }
}
