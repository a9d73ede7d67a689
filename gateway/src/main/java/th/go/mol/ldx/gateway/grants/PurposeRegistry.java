package th.go.mol.ldx.gateway.grants;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import th.go.mol.ldx.gateway.catalog.LocalizedText;
import th.go.mol.ldx.gateway.db.Sql;

/** The declared purposes, kept in PostgreSQL. */
@ApplicationScoped
public class PurposeRegistry {

    private final Sql sql;

    PurposeRegistry(Sql sql) {
        this.sql = sql;
    }

    public List<Purpose> all() {
        return sql.list("SELECT * FROM purpose ORDER BY code", PurposeRegistry::purpose);
    }

    /** Those of {@code codes} that are declared. */
    public Set<String> declared(Collection<String> codes) {
        return sql.list("SELECT code FROM purpose WHERE code = ANY(?)", rs -> rs.getString("code"),
                (Object) codes.toArray(String[]::new)).stream().collect(Collectors.toSet());
    }

    /** Declares or redeclares a purpose; answers whether it was new. */
    public boolean put(String code, Purpose.Definition definition) {
        return sql.one("""
                INSERT INTO purpose (code, title_th, title_en, legal_basis, legal_reference) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET title_th = EXCLUDED.title_th, title_en = EXCLUDED.title_en,
                    legal_basis = EXCLUDED.legal_basis, legal_reference = EXCLUDED.legal_reference, updated_at = now()
                RETURNING (xmax = 0) AS inserted
                """, rs -> rs.getBoolean("inserted"), code, definition.title().th(), definition.title().en(),
                definition.legalBasis().code(), definition.legalReference()).orElseThrow();
    }

    public Purpose require(String code) {
        return sql.one("SELECT * FROM purpose WHERE code = ?", PurposeRegistry::purpose, code).orElseThrow();
    }

    private static Purpose purpose(ResultSet rs) throws SQLException {
        return new Purpose(rs.getString("code"), new LocalizedText(rs.getString("title_th"), rs.getString("title_en")),
                LegalBasis.ofCode(rs.getString("legal_basis")), rs.getString("legal_reference"));
    }
}
