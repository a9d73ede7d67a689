package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.db.Sql;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Defining a dataset, with four eyes on its personal-data declarations: a redefinition that takes a declaration
 * away (or changes its category), or gives the dataset to another owner department (which would read every record
 * whole), is not applied but proposed, whole, and applied only when the dataset's owner department approves it,
 * checked again then against the grants and the schema versions of that moment. Anything else, adding protection
 * included, applies at once, and supersedes a proposal still waiting: the owner approves only what it has read.
 */
@ApplicationScoped
public class DatasetDefinitions {

    private static final TypeReference<List<PersonalDataField>> FIELDS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, dataset_id, status, removes, adds, owner, definition, proposed_by,"
            + " proposed_at, decided_by, decided_at, reason";

    /** What a definition did: applied at once, or proposed to the owner department. */
    public sealed interface Outcome {

        /** Applied; {@code created} when the dataset is new. */
        record Applied(boolean created) implements Outcome {
        }

        /** Waiting for the owner department. */
        record Proposed(DeclarationChange change) implements Outcome {
        }
    }

    private final DatasetCatalog catalog;
    private final Sql sql;
    private final ObjectMapper json;

    DatasetDefinitions(DatasetCatalog catalog, Sql sql, ObjectMapper json) {
        this.catalog = catalog;
        this.sql = sql;
        this.json = json;
    }

    /**
     * Applies a definition, or proposes it when it takes declarations away or gives the dataset to another owner
     * department. A proposal that would widen a grant, or undeclare national IDs the records hold, is refused at once,
     * as the approval would refuse it. Either way, a proposal still waiting is superseded.
     */
    @Transactional
    public Outcome define(Caller caller, String id, DatasetDefinition definition) {
        Optional<Dataset> current = catalog.findForUpdate(id);
        if (current.isPresent()) {
            supersedeWaiting(caller, id);
            List<PersonalDataField> removes = current.get().personalDataFields().stream()
                    .filter(f -> !definition.personalDataFields().contains(f)).toList();
            boolean newOwner = !current.get().owner().equals(definition.owner());
            if (!removes.isEmpty() || newOwner) {
                catalog.refuseWidening(current.get(), definition);
                catalog.refuseUndeclaringStoredNationalIds(current.get(), definition);
                List<PersonalDataField> adds = definition.personalDataFields().stream()
                        .filter(f -> !current.get().personalDataFields().contains(f)).toList();
                UUID change = UUID.randomUUID();
                sql.update("""
                        INSERT INTO declaration_change (id, dataset_id, definition, removes, adds, owner, status,
                                                        proposed_by)
                        VALUES (?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, 'proposed', ?)
                        """, change, id, text(definition), text(removes), text(adds),
                        newOwner ? definition.owner() : null, caller.organisation());
                return new Outcome.Proposed(find(id, change).orElseThrow());
            }
        }
        return new Outcome.Applied(catalog.put(id, definition));
    }

    private void supersedeWaiting(Caller caller, String id) {
        sql.update("""
                UPDATE declaration_change SET status = 'superseded', decided_by = ?, decided_at = now()
                WHERE dataset_id = ? AND status = 'proposed'
                """, caller.organisation(), id);
    }

    /** The declaration changes proposed for a dataset, newest first: for its owner department and administrators. */
    public List<DeclarationChange> list(Caller caller, String datasetId) {
        requireVisible(caller, datasetId);
        return sql.list("SELECT " + COLUMNS + " FROM declaration_change WHERE dataset_id = ?"
                + " ORDER BY proposed_at DESC, id", this::read, datasetId);
    }

    /** One declaration change of a dataset, for its owner department and administrators. */
    public Optional<DeclarationChange> get(Caller caller, String datasetId, UUID changeId) {
        requireVisible(caller, datasetId);
        return find(datasetId, changeId);
    }

    private void requireVisible(Caller caller, String datasetId) {
        Dataset dataset = catalog.require(datasetId);
        if (!caller.admin() && !(caller.owner() && dataset.ownedBy(caller.organisation()))) {
            throw notOwner(dataset);
        }
    }

    /**
     * The owner department approves: the proposed definition is applied as a redefinition now (refused, and the
     * proposal left waiting, should it now widen a grant or break a schema version).
     */
    @Transactional
    public DeclarationChange approve(Caller caller, String datasetId, UUID changeId, String reason) {
        Stored proposal = decidable(caller, datasetId, changeId);
        catalog.put(datasetId, proposal.definition());
        return decide(caller, proposal, "approved", reason);
    }

    @Transactional
    public DeclarationChange reject(Caller caller, String datasetId, UUID changeId, String reason) {
        return decide(caller, decidable(caller, datasetId, changeId), "rejected", reason);
    }

    /** A proposal and the definition it would apply. */
    private record Stored(DeclarationChange change, DatasetDefinition definition) {
    }

    /**
     * The proposal, locked, if the caller is the dataset's owner department and it still waits. The catalog entry is
     * locked first, in the order a redefinition takes the two, so that an approval and a redefinition queue up.
     */
    private Stored decidable(Caller caller, String datasetId, UUID changeId) {
        Dataset dataset = catalog.findForUpdate(datasetId).orElseThrow(() -> new ProblemException(
                ProblemType.DATASET_NOT_FOUND, "There is no dataset '" + datasetId + "' in the catalog."));
        Stored proposal = sql.one("SELECT " + COLUMNS + " FROM declaration_change WHERE dataset_id = ? AND id = ?"
                        + " FOR UPDATE", rs -> new Stored(read(rs), definition(rs)), datasetId, changeId)
                .orElseThrow(() -> new ProblemException(ProblemType.DECLARATION_CHANGE_NOT_FOUND,
                        "There is no declaration change " + changeId + " of dataset '" + datasetId + "'."));
        if (!caller.owner() || !dataset.ownedBy(caller.organisation())) {
            throw notOwner(dataset);
        }
        if (!proposal.change().state().equals("proposed")) {
            throw new ProblemException(ProblemType.DECLARATION_CHANGE_STATE_CONFLICT, "Declaration change " + changeId
                    + " is " + proposal.change().state() + ": only a proposed one is decided.");
        }
        return proposal;
    }

    private DeclarationChange decide(Caller caller, Stored proposal, String state, String reason) {
        sql.update("UPDATE declaration_change SET status = ?, decided_by = ?, decided_at = now(), reason = ?"
                + " WHERE id = ?", state, caller.organisation(), reason, proposal.change().id());
        return find(proposal.change().datasetId(), proposal.change().id()).orElseThrow();
    }

    private static ProblemException notOwner(Dataset dataset) {
        return new ProblemException(ProblemType.NOT_OWNER, "Changes to the personal-data declarations of '"
                + dataset.id() + "' are decided by its owner department '" + dataset.owner() + "': four eyes, not "
                + "the administration that proposes them.");
    }

    private Optional<DeclarationChange> find(String datasetId, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM declaration_change WHERE dataset_id = ? AND id = ?", this::read,
                datasetId, id);
    }

    private DeclarationChange read(ResultSet rs) throws SQLException {
        try {
            DatasetDefinition definition = definition(rs);
            return new DeclarationChange(rs.getObject("id", UUID.class), rs.getString("dataset_id"),
                    rs.getString("status"), json.readValue(rs.getString("removes"), FIELDS),
                    json.readValue(rs.getString("adds"), FIELDS), definition.personalDataFields(),
                    rs.getString("owner"), rs.getString("proposed_by"), Sql.instant(rs, "proposed_at"), rs.getString("decided_by"),
                    Sql.instant(rs, "decided_at"), rs.getString("reason"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a declaration change holds JSON it cannot read", e);
        }
    }

    private DatasetDefinition definition(ResultSet rs) throws SQLException {
        try {
            return json.readValue(rs.getString("definition"), DatasetDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a declaration change holds a definition it cannot read", e);
        }
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a definition always serialises", e);
        }
    }
}
