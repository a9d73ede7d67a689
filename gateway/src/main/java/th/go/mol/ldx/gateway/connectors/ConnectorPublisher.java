package th.go.mol.ldx.gateway.connectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import th.go.mol.ldx.connector.ChangeSink;
import th.go.mol.ldx.connector.RecordChange;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;
import th.go.mol.ldx.gateway.catalog.RecordValidator;
import th.go.mol.ldx.gateway.ingest.ChangeLog;
import th.go.mol.ldx.gateway.ingest.ChangeReceipt;

/**
 * Publishes what a connector read through the same validation and change log as the ingest API, and stores the
 * connector's offset in the same transaction: after a crash the connector resumes exactly after what was published.
 */
@ApplicationScoped
public class ConnectorPublisher {

    /** Deletes per transaction when a snapshot ends. */
    private static final int DELETE_CHUNK = 2000;

    private final DatasetCatalog catalog;
    private final RecordValidator validator;
    private final ChangeLog changes;
    private final ConnectorStore store;

    ConnectorPublisher(DatasetCatalog catalog, RecordValidator validator, ChangeLog changes, ConnectorStore store) {
        this.catalog = catalog;
        this.validator = validator;
        this.changes = changes;
        this.store = store;
    }

    public Dataset dataset(String datasetId) {
        return catalog.require(datasetId);
    }

    /**
     * Applies the valid changes and keeps the rejects (the source's unreadable rows first) and the offset, in one
     * transaction; the counts take a row once, however many faults it has.
     */
    @Transactional
    public ChangeSink.Published publish(String connector, String datasetId, List<ChangeSink.SourceChange> read,
            List<ChangeSink.Rejection> unreadable, String offset) {
        Dataset dataset = catalog.require(datasetId);
        List<RecordChange> valid = new ArrayList<>(read.size());
        List<ChangeSink.Rejection> rejected = new ArrayList<>(unreadable);
        for (ChangeSink.SourceChange change : read) {
            List<ChangeSink.Rejection> faults = faults(dataset, change);
            if (faults.isEmpty()) {
                valid.add(change.change());
            }
            rejected.addAll(faults);
        }
        int changed = valid.isEmpty() ? 0 : changed(changes.apply(dataset, valid, owner(dataset, connector)));
        long unreadableRows = unreadable.stream().map(ChangeSink.Rejection::origin).distinct().count();
        store.published(connector, offset, read.size() + unreadableRows, valid.size(), changed, rejected);
        return new ChangeSink.Published(valid.size(), changed,
                List.copyOf(rejected.subList(unreadable.size(), rejected.size())));
    }

    public List<ChangeSink.Rejection> check(String datasetId, List<ChangeSink.SourceChange> read) {
        Dataset dataset = catalog.require(datasetId);
        return read.stream().flatMap(change -> faults(dataset, change).stream()).toList();
    }

    private List<ChangeSink.Rejection> faults(Dataset dataset, ChangeSink.SourceChange change) {
        if (!(change.change() instanceof RecordChange.Upsert upsert)) {
            return List.of();
        }
        return validator.violations(dataset, upsert.key(), upsert.data()).stream()
                .map(v -> new ChangeSink.Rejection(change.origin(), field(v.pointer()), v.message())).toList();
    }

    /** Deletes up to a chunk of the records a snapshot did not see; answers how many. */
    @Transactional
    public int deleteUnseen(String connector, String datasetId) {
        List<String> keys = store.unseen(connector, datasetId, DELETE_CHUNK);
        if (!keys.isEmpty()) {
            Dataset dataset = catalog.require(datasetId);
            int deleted = changed(changes.apply(dataset, keys.stream().<RecordChange>map(RecordChange.Delete::new)
                    .toList(), owner(dataset, connector)));
            store.published(connector, null, 0, 0, deleted, List.of());
        }
        return keys.size();
    }

    @Transactional
    public void finishSnapshot(String connector, String offset) {
        store.published(connector, offset, 0, 0, 0, List.of());
        store.clearSeen(connector);
    }

    private static int changed(List<ChangeReceipt> receipts) {
        return (int) receipts.stream().filter(r -> r.eventId() != null).count();
    }

    /** The change log names who changed a record: the owner department, through this connector. */
    private static String owner(Dataset dataset, String connector) {
        return dataset.owner() + " (connector " + connector + ")";
    }

    /** "/provinceCode" -> "provinceCode": a rejects file names columns by field, not by pointer. */
    private static String field(String pointer) {
        return pointer.startsWith("/") ? pointer.substring(1) : pointer;
    }
}
