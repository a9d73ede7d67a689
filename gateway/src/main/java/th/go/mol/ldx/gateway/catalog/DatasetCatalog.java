package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import th.go.mol.ldx.gateway.db.Sql;
import th.go.mol.ldx.gateway.events.EventsConfig;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/** The catalog of datasets, kept in PostgreSQL. */
@ApplicationScoped
public class DatasetCatalog {

    private static final String COLUMNS = "id, title_th, title_en, description_th, description_en, owner, classification,"
            + " key_field, schema, personal_data_fields, metadata, statistics, change_seq, record_count, last_change_at,"
            + " updated_at";
    private static final TypeReference<List<PersonalDataField>> FIELDS = new TypeReference<>() {
    };

    private final AgroalDataSource db;
    private final ObjectMapper json;
    private final EventsConfig events;

    DatasetCatalog(AgroalDataSource db, ObjectMapper json, EventsConfig events) {
        this.db = db;
        this.json = json;
        this.events = events;
    }

    public List<Dataset> all() {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dataset ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            List<Dataset> all = new ArrayList<>();
            while (rs.next()) {
                all.add(read(rs));
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the catalog failed", e);
        }
    }

    public Optional<Dataset> find(String id) {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM dataset WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading dataset " + id + " failed", e);
        }
    }

    public Dataset require(String id) {
        return find(id).orElseThrow(() -> new ProblemException(ProblemType.DATASET_NOT_FOUND,
                "There is no dataset '" + id + "' in the catalog."));
    }

    /** Creates or replaces the catalog entry; answers whether it was new. The change log is kept. */
    @Transactional
    public boolean put(String id, DatasetDefinition d) {
        String sql = """
                INSERT INTO dataset (id, title_th, title_en, description_th, description_en, owner, classification,
                                     key_field, schema, personal_data_fields, metadata, statistics)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb)
                ON CONFLICT (id) DO UPDATE SET title_th = EXCLUDED.title_th, title_en = EXCLUDED.title_en,
                    description_th = EXCLUDED.description_th, description_en = EXCLUDED.description_en,
                    owner = EXCLUDED.owner, classification = EXCLUDED.classification, key_field = EXCLUDED.key_field,
                    schema = EXCLUDED.schema, personal_data_fields = EXCLUDED.personal_data_fields,
                    metadata = EXCLUDED.metadata, statistics = EXCLUDED.statistics, updated_at = now()
                RETURNING (xmax = 0) AS inserted
                """;
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.setString(2, d.title().th());
            ps.setString(3, d.title().en());
            ps.setString(4, d.description().th());
            ps.setString(5, d.description().en());
            ps.setString(6, d.owner());
            ps.setString(7, d.classification().code());
            ps.setString(8, d.keyField());
            ps.setString(9, json.writeValueAsString(d.schema()));
            ps.setString(10, json.writeValueAsString(d.personalDataFields()));
            ps.setString(11, json.writeValueAsString(d.metadata()));
            ps.setString(12, d.statistics() == null ? null : json.writeValueAsString(d.statistics()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("writing dataset " + id + " failed", e);
        }
    }

    private <T> T optional(String stored, Class<T> type) throws JsonProcessingException {
        return stored == null ? null : json.readValue(stored, type);
    }

    private Dataset read(ResultSet rs) throws SQLException {
        try {
            String id = rs.getString("id");
            return new Dataset(id,
                    new LocalizedText(rs.getString("title_th"), rs.getString("title_en")),
                    new LocalizedText(rs.getString("description_th"), rs.getString("description_en")),
                    rs.getString("owner"),
                    Classification.ofCode(rs.getString("classification")),
                    rs.getString("key_field"),
                    (ObjectNode) json.readTree(rs.getString("schema")),
                    json.readValue(rs.getString("personal_data_fields"), FIELDS),
                    optional(rs.getString("metadata"), CatalogMetadata.class),
                    optional(rs.getString("statistics"), Statistics.class),
                    events.topicOf(id),
                    rs.getLong("change_seq"),
                    rs.getLong("record_count"),
                    Sql.instant(rs, "last_change_at"),
                    rs.getTimestamp("updated_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the catalog holds JSON it cannot read", e);
        }
    }
}
