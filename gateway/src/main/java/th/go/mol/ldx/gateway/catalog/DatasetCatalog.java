package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import th.go.mol.ldx.gateway.db.Sql;
import th.go.mol.ldx.gateway.events.EventsConfig;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/** The catalog of datasets, and every version of their record schemas, kept in PostgreSQL. */
@ApplicationScoped
public class DatasetCatalog {

    private static final String COLUMNS = "id, title_th, title_en, description_th, description_en, owner, classification,"
            + " key_field, schema, schema_version, personal_data_fields, metadata, statistics, change_seq, record_count,"
            + " last_change_at, updated_at";
    private static final TypeReference<List<PersonalDataField>> FIELDS = new TypeReference<>() {
    };

    private final Sql sql;
    private final ObjectMapper json;
    private final EventsConfig events;
    private final TransactionSynchronizationRegistry transactions;
    private final Cache<String, Dataset> held;

    DatasetCatalog(Sql sql, ObjectMapper json, EventsConfig events, CatalogConfig config,
            TransactionSynchronizationRegistry transactions) {
        this.sql = sql;
        this.json = json;
        this.events = events;
        this.transactions = transactions;
        this.held = Caffeine.newBuilder().expireAfterWrite(config.cacheTtl()).maximumSize(10_000).build();
    }

    public List<Dataset> all() {
        return sql.list("SELECT " + COLUMNS + " FROM dataset ORDER BY id", this::read);
    }

    public Optional<Dataset> find(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM dataset WHERE id = ?", this::read, id);
    }

    /**
     * The catalog entry, kept from being redefined (a key-share lock) until the caller's transaction ends: for a
     * decision that rests on the definition, such as a grant's terms, which {@link #put} checks in turn. Writers of
     * records, who lock the entry only to bump its sequence, are not held up.
     */
    public Optional<Dataset> findSteady(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM dataset WHERE id = ? FOR KEY SHARE", this::read, id);
    }

    /** The catalog entry, locked against every other definition change until the caller's transaction ends. */
    Optional<Dataset> findForUpdate(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM dataset WHERE id = ? FOR UPDATE", this::read, id);
    }

    public Dataset require(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The catalog entry as read at most {@code ldx.catalog.cache-ttl} ago, for reads that need only its definition:
     * its counters (sequence, record count, last change) may lag, so whatever reports them asks {@link #require}.
     */
    public Dataset definition(String id) {
        Dataset dataset = held.get(id, key -> find(key).orElse(null));
        if (dataset == null) {
            throw notFound(id);
        }
        return dataset;
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(ProblemType.DATASET_NOT_FOUND, "There is no dataset '" + id + "' in the catalog.");
    }

    /** One version of a dataset's record schema. */
    public Optional<ObjectNode> schema(String id, int version) {
        return sql.one("SELECT schema FROM dataset_schema WHERE dataset_id = ? AND version = ?",
                rs -> (ObjectNode) sql.json(rs, "schema"), id, version);
    }

    /**
     * Creates or replaces the catalog entry; answers whether it was new. The change log is kept. A schema change
     * keeps the schema's version unless it would break consumers ({@link SchemaCompatibility}): that one is
     * refused unless the definition names the next version. Every version stays readable.
     */
    @Transactional
    boolean put(String id, DatasetDefinition d) {
        // Forgotten once the change is visible, not before: a read in between would hold the old entry again.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                held.invalidate(id);
            }
        });
        Optional<Dataset> current = findForUpdate(id);
        refuseNationalIdsThatGrantsFilterOn(id, d);
        if (current.isPresent()) {
            refuseWidening(current.get(), d);
            refuseUndeclaringStoredNationalIds(current.get(), d);
        }
        int version = versionOf(id, current, asStored(d.schema()), d.schemaVersion());
        boolean inserted = sql.one("""
                INSERT INTO dataset (id, title_th, title_en, description_th, description_en, owner, classification,
                                     key_field, schema, schema_version, personal_data_fields, metadata, statistics)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?::jsonb)
                ON CONFLICT (id) DO UPDATE SET title_th = EXCLUDED.title_th, title_en = EXCLUDED.title_en,
                    description_th = EXCLUDED.description_th, description_en = EXCLUDED.description_en,
                    owner = EXCLUDED.owner, classification = EXCLUDED.classification, key_field = EXCLUDED.key_field,
                    schema = EXCLUDED.schema, schema_version = EXCLUDED.schema_version,
                    personal_data_fields = EXCLUDED.personal_data_fields, metadata = EXCLUDED.metadata,
                    statistics = EXCLUDED.statistics, updated_at = now()
                RETURNING (xmax = 0) AS inserted
                """, rs -> rs.getBoolean(1), id, d.title().th(), d.title().en(), d.description().th(),
                d.description().en(), d.owner(), d.classification().code(), d.keyField(), text(d.schema()), version,
                text(d.personalDataFields()), text(d.metadata()),
                d.statistics() == null ? null : text(d.statistics())).orElseThrow();
        sql.update("""
                INSERT INTO dataset_schema (dataset_id, version, schema) VALUES (?, ?, ?::jsonb)
                ON CONFLICT (dataset_id, version) DO UPDATE SET schema = EXCLUDED.schema, published_at = now()
                WHERE dataset_schema.schema IS DISTINCT FROM EXCLUDED.schema
                """, id, version, text(d.schema()));
        return inserted;
    }

    /**
     * A pseudonymised grant may not pick rows by national IDs: its agency would learn which pseudonym is whose
     * (GrantService refuses such a request). A field declared a national ID after such a grant was asked for or
     * approved would make it one, so the definition is refused while a grant in effect or still to be decided
     * filters rows on it: the grant goes first (revoked, or replaced by an identified one).
     */
    private void refuseNationalIdsThatGrantsFilterOn(String id, DatasetDefinition d) {
        List<PersonalDataField> personal = d.personalDataFields();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < personal.size(); i++) {
            if (personal.get(i).category() != PersonalDataField.Category.NATIONAL_ID) {
                continue;
            }
            String field = personal.get(i).field();
            List<String> grants = sql.list("""
                    SELECT id FROM data_grant WHERE dataset_id = ? AND status IN ('requested', 'approved')
                        AND NOT identified AND valid_until > now() AND jsonb_exists(row_filter, ?::text)
                    ORDER BY requested_at
                    """, rs -> rs.getString(1), id, field);
            if (!grants.isEmpty()) {
                errors.add(new FieldError("/personalDataFields/" + i, "pseudonymised grants filter rows on '" + field
                        + "' (" + String.join(", ", grants) + "): as a national ID it would tie real IDs to their "
                        + "pseudonyms; revoke them, or replace them by identified grants, first"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "Grants of '" + id + "' pick rows by a field "
                    + "this definition declares a national ID.", errors);
        }
    }

    /**
     * A grant in effect or still to be decided was asked for, and decided, on the definition as it stands: a
     * redefinition may add protection, never take it away from under it ({@link GrantWidening}). Such grants are
     * re-requested under the new definition first. The grant requests that read the entry under a key-share lock
     * ({@link #findSteady}) finish before this row lock is granted, so none is missed.
     */
    void refuseWidening(Dataset current, DatasetDefinition d) {
        List<GrantWidening.BoundGrant> grants = sql.list("""
                SELECT id, fields, identified FROM data_grant
                WHERE dataset_id = ? AND status IN ('requested', 'approved') AND valid_until > now()
                ORDER BY requested_at, id
                """, rs -> new GrantWidening.BoundGrant(rs.getString("id"), names(sql.json(rs, "fields")),
                rs.getBoolean("identified")), current.id());
        List<FieldError> widening = GrantWidening.of(GrantWidening.Terms.of(current), GrantWidening.Terms.of(d),
                grants);
        if (!widening.isEmpty()) {
            throw new ProblemException(ProblemType.WIDENS_GRANTS, "This definition of '" + current.id() + "' would "
                    + "show grants more than their owner approved; revoke them, or have them requested again under "
                    + "a definition that keeps what they were decided on.", widening);
        }
    }

    /**
     * A place that stops being declared a national ID must hold none in the records stored: a grant asked for later
     * would be shown them in clear (a record written since holding one there is refused, DeclaredNationalIds). The
     * records are read a page of keys at a time, and only their value at that place.
     */
    void refuseUndeclaringStoredNationalIds(Dataset current, DatasetDefinition d) {
        List<List<String>> stillDeclared = d.personalDataFields().stream()
                .filter(f -> f.category() == PersonalDataField.Category.NATIONAL_ID).map(PersonalDataField::path).toList();
        List<FieldError> errors = new ArrayList<>();
        for (PersonalDataField declared : current.personalDataFields()) {
            if (declared.category() != PersonalDataField.Category.NATIONAL_ID || stillDeclared.contains(declared.path())) {
                continue;
            }
            String[] path = declared.path().toArray(String[]::new);
            String lastKey = "";
            while (lastKey != null) {
                List<String[]> page = sql.list("""
                        SELECT record_key, data #> ? AS value FROM record WHERE dataset_id = ? AND record_key > ?
                        ORDER BY record_key LIMIT 5000
                        """, rs -> new String[] {rs.getString(1), rs.getString(2)}, path, current.id(), lastKey);
                String holding = page.stream().filter(row -> row[1] != null && DeclaredNationalIds.holdsUndeclared(
                        asStored(row[1]), declared.path(), stillDeclared)).map(row -> row[0]).findFirst().orElse(null);
                if (holding != null) {
                    errors.add(new FieldError("/personalDataFields", "'" + declared.field() + "' holds national IDs in"
                            + " the records stored (record " + holding + " among them): undeclared, they would reach"
                            + " agencies in clear; erase or rewrite them first"));
                    break;
                }
                lastKey = page.size() < 5000 ? null : page.get(page.size() - 1)[0];
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "This definition of '" + current.id() + "' stops "
                    + "declaring national IDs that its records hold.", errors);
        }
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new LinkedHashSet<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }

    /** The version a schema is published as, when asked to be {@code asked} (null: not asked), or why it cannot be. */
    private static int versionOf(String id, Optional<Dataset> current, JsonNode schema, Integer asked) {
        if (current.isEmpty()) {
            return asked == null ? 1 : asked;
        }
        int now = current.get().schemaVersion();
        if (current.get().schema().equals(schema)) {
            if (asked != null && asked != now) {
                throw new ProblemException(ProblemType.INVALID_DATASET, "The schema of '" + id + "' is unchanged: "
                        + "it stays version " + now + ".", List.of(new FieldError("/schemaVersion",
                        "must be " + now + " (or left out) while the schema does not change")));
            }
            return now;
        }
        List<FieldError> breaks = SchemaCompatibility.breaks(current.get().schema(), schema);
        if (asked == null || asked == now) {
            if (!breaks.isEmpty()) {
                throw new ProblemException(ProblemType.BREAKING_SCHEMA_CHANGE, "This schema change would break the "
                        + "consumers of version " + now + " of '" + id + "': publish it as version " + (now + 1)
                        + " (\"schemaVersion\": " + (now + 1) + "), or keep what they rely on.", breaks);
            }
            return now;
        }
        if (asked != now + 1) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "The next schema version of '" + id + "' is "
                    + (now + 1) + ".", List.of(new FieldError("/schemaVersion", "must be " + now + " or "
                    + (now + 1))));
        }
        return asked;
    }

    /** A stored jsonb value, read back. */
    private JsonNode asStored(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL's jsonb always reads back", e);
        }
    }

    /**
     * A schema as it reads back once stored: its numbers as PostgreSQL writes them ({@code 1e6} as the integer
     * 1000000), so that it compares equal, member by member, with the stored one it may not change.
     */
    private JsonNode asStored(JsonNode schema) {
        try {
            return json.readTree(text(schema));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schema written out always reads back", e);
        }
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a catalog value always serialises", e);
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
                    rs.getInt("schema_version"),
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
