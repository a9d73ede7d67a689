package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import th.go.mol.ldx.connector.RecordChange;
import th.go.mol.ldx.gateway.access.AccessPolicy;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;
import th.go.mol.ldx.gateway.catalog.RecordValidator;
import th.go.mol.ldx.gateway.problem.Problem;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * A data owner publishes records: one at a time or in batches. Every change is checked by the same
 * {@link RecordValidator} before anything is written, then applied to the records and the change log together.
 */
@ApplicationScoped
public class IngestService {

    /**
     * Most errors a refused batch lists in full; beyond them, it lists the first error of each invalid change, so
     * every invalid change is still named, and the detail says how many errors there were.
     */
    static final int MAX_LISTED_ERRORS = 1000;

    private final DatasetCatalog catalog;
    private final AccessPolicy policy;
    private final RecordValidator validator;
    private final ChangeLog changes;
    private final IdempotencyKeys idempotencyKeys;
    private final IngestConfig config;
    private final ObjectMapper json;
    private final Validator beanValidator;

    IngestService(DatasetCatalog catalog, AccessPolicy policy, RecordValidator validator, ChangeLog changes,
            IdempotencyKeys idempotencyKeys, IngestConfig config, ObjectMapper json, Validator beanValidator) {
        this.catalog = catalog;
        this.policy = policy;
        this.validator = validator;
        this.changes = changes;
        this.idempotencyKeys = idempotencyKeys;
        this.config = config;
        this.json = json;
        this.beanValidator = beanValidator;
    }

    public ChangeReceipt put(Caller caller, String datasetId, String key, ObjectNode data) {
        Dataset dataset = owned(caller, datasetId);
        validator.requireValid(dataset, key, data);
        return changes.apply(dataset, List.of(new RecordChange.Upsert(key, data)), caller.organisation()).get(0);
    }

    public ChangeReceipt delete(Caller caller, String datasetId, String key) {
        Dataset dataset = owned(caller, datasetId);
        ChangeReceipt receipt = changes.apply(dataset, List.of(new RecordChange.Delete(key)), caller.organisation())
                .get(0);
        if (receipt.outcome() == ChangeReceipt.Outcome.ABSENT) {
            throw new ProblemException(ProblemType.RECORD_NOT_FOUND, "Dataset '" + datasetId + "' has no record '" + key + "'.");
        }
        return receipt;
    }

    /**
     * Applies a batch when every change in it is valid, else refuses it whole listing each invalid change. With an
     * idempotency key, a batch already applied under that key answers its first receipt and changes nothing, before
     * it is checked again: a schema version published since must not turn a retry into a refusal.
     */
    public IdempotencyKeys.Applied batch(Caller caller, String datasetId, byte[] body, String idempotencyKey)
            throws IOException {
        BatchRequest request = BatchRequest.read(body, json, beanValidator);
        Dataset dataset = owned(caller, datasetId);
        if (request.changes().size() > config.batchMaxChanges()) {
            throw new ProblemException(ProblemType.BODY_TOO_LARGE, "A batch holds at most " + config.batchMaxChanges()
                    + " changes; this one holds " + request.changes().size() + ". Split it.");
        }
        if (idempotencyKey == null) {
            List<ChangeLog.Write> valid = requireValid(dataset, request.changes());
            return new IdempotencyKeys.Applied(
                    BatchReceipt.of(changes.write(dataset, valid, caller.organisation())).json(json), false);
        }
        IdempotencyKeys.Idempotency idempotency = new IdempotencyKeys.Idempotency(idempotencyKey, hash(body));
        Optional<IdempotencyKeys.Applied> earlier = idempotencyKeys.earlier(datasetId, idempotency);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        List<ChangeLog.Write> valid = requireValid(dataset, request.changes());
        return idempotencyKeys.applyOnce(dataset, idempotency, valid, caller.organisation());
    }

    private Dataset owned(Caller caller, String datasetId) {
        Dataset dataset = catalog.require(datasetId);
        policy.requireOwner(caller, dataset);
        return dataset;
    }

    private List<ChangeLog.Write> requireValid(Dataset dataset, List<BatchRequest.Change> requested)
            throws IOException {
        List<ChangeLog.Write> valid = new ArrayList<>(requested.size());
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Integer> firstIndexOfKey = new HashMap<>();
        int invalidChanges = 0;
        for (int i = 0; i < requested.size(); i++) {
            List<Problem.FieldError> found = new ArrayList<>();
            ChangeLog.Write change = check(dataset, i, requested.get(i), firstIndexOfKey, found);
            if (found.isEmpty()) {
                valid.add(change);
            } else {
                invalidChanges++;
                errors.addAll(found);
            }
        }
        if (!errors.isEmpty()) {
            boolean all = errors.size() <= MAX_LISTED_ERRORS;
            List<Problem.FieldError> listed = all ? errors : firstOfEachChange(errors);
            throw new ProblemException(ProblemType.INVALID_BATCH, invalidChanges + " of " + requested.size()
                    + " changes are invalid; no change was applied." + (all ? "" : " Of their " + errors.size()
                    + " errors, the first of each invalid change is listed."), List.copyOf(listed));
        }
        return valid;
    }

    /** Every invalid change named once, by its first error: a long list still names each change to mend. */
    private static List<Problem.FieldError> firstOfEachChange(List<Problem.FieldError> errors) {
        Map<Integer, Problem.FieldError> first = new LinkedHashMap<>();
        errors.forEach(error -> first.putIfAbsent(error.index(), error));
        return new ArrayList<>(first.values());
    }

    /**
     * One change as the change log writes it, or null with what is wrong with it added to {@code errors}. Its record
     * is read into a tree here, checked, and dropped: a batch keeps only the bytes of its records.
     */
    private ChangeLog.Write check(Dataset dataset, int index, BatchRequest.Change change,
            Map<String, Integer> firstIndexOfKey, List<Problem.FieldError> errors) throws IOException {
        String at = "/changes/" + index;
        if (change == null) {
            errors.add(new Problem.FieldError(at, "must be a change: {\"operation\": ..., \"key\" or \"data\": ...}",
                    index, null));
            return null;
        }
        if (change.operation() == null) {
            errors.add(new Problem.FieldError(at + "/operation", "required: 'upsert' or 'delete'", index,
                    change.key()));
            return null;
        }
        String key = change.key();
        ObjectNode record = change.operation() == BatchRequest.Operation.UPSERT && change.data() != null
                ? change.data().tree(json) : null;
        if (key == null && record != null) {
            JsonNode keyField = record.get(dataset.keyField());
            key = keyField != null && keyField.isValueNode() && !keyField.isNull() ? keyField.asText() : null;
        }
        if (key == null || key.isBlank() || key.length() > RecordChange.MAX_KEY_LENGTH) {
            errors.add(new Problem.FieldError(at + "/key", key == null ? "required: the record's key, or for an upsert "
                    + "its '" + dataset.keyField() + "'" : "must have 1 to " + RecordChange.MAX_KEY_LENGTH + " characters",
                    index, key));
            return null;
        }
        Integer earlier = firstIndexOfKey.putIfAbsent(key, index);
        if (earlier != null) {
            errors.add(new Problem.FieldError(at + "/key", "change " + earlier + " already changes this record; a batch "
                    + "changes each record once", index, key));
        }
        if (change.operation() == BatchRequest.Operation.DELETE) {
            if (change.data() != null) {
                errors.add(new Problem.FieldError(at + "/data", "a delete carries no data", index, key));
            }
            return errors.isEmpty() ? new ChangeLog.Write(key, null) : null;
        }
        if (record == null) {
            errors.add(new Problem.FieldError(at + "/data", "required: the record", index, key));
            return null;
        }
        for (Problem.FieldError e : validator.violations(dataset, key, record)) {
            errors.add(new Problem.FieldError(at + "/data" + e.pointer(), e.message(), index, key));
        }
        return errors.isEmpty() ? new ChangeLog.Write(key, change.data().json()) : null;
    }

    /** The body as sent, hashed: a retry sends the same bytes (the IETF draft's request fingerprint). */
    private static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
