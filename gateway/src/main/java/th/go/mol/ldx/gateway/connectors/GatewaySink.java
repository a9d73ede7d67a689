package th.go.mol.ldx.gateway.connectors;

import io.micrometer.core.instrument.Counter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import th.go.mol.ldx.connector.ChangeSink;
import th.go.mol.ldx.connector.FieldType;

/** A connector's sink inside the gateway: its dataset's validation and change log, its offset in PostgreSQL. */
final class GatewaySink implements ChangeSink {

    private final String connector;
    private final String datasetId;
    private final ConnectorPublisher publisher;
    private final ConnectorStore store;
    private final Counter changed;

    GatewaySink(String connector, String datasetId, ConnectorPublisher publisher, ConnectorStore store, Counter changed) {
        this.connector = connector;
        this.datasetId = datasetId;
        this.changed = changed;
        this.publisher = publisher;
        this.store = store;
    }

    @Override
    public String keyField() {
        return publisher.dataset(datasetId).keyField();
    }

    @Override
    public Map<String, FieldType> fieldTypes() {
        return FieldType.of(publisher.dataset(datasetId).schema());
    }

    @Override
    public Optional<String> offset() {
        return store.offset(connector);
    }

    @Override
    public Published publish(List<SourceChange> changes, List<Rejection> unreadable, String offset) {
        Published published = publisher.publish(connector, datasetId, changes, unreadable, offset);
        changed.increment(published.changed());
        return published;
    }

    @Override
    public List<Rejection> check(List<SourceChange> changes) {
        return publisher.check(datasetId, changes);
    }

    @Override
    public Snapshot snapshot() {
        store.clearSeen(connector);
        return new Snapshot() {
            private long seen;

            @Override
            public void seen(Collection<String> keys) {
                if (!keys.isEmpty()) {
                    store.seen(connector, keys.toArray(String[]::new));
                    seen += keys.size();
                }
            }

            @Override
            public int finish(String offset) {
                if (seen == 0) {
                    // An empty table, a view gone wrong, a key column mapped to nothing: never a reason to delete
                    // every record and tell every agency so.
                    throw new IllegalStateException("the snapshot read no record with a key; nothing was deleted. "
                            + "Check the source and the key field's column, then reset the connector");
                }
                int deleted = 0;
                for (int chunk = publisher.deleteUnseen(connector, datasetId); chunk > 0;
                        chunk = publisher.deleteUnseen(connector, datasetId)) {
                    deleted += chunk;
                }
                changed.increment(deleted);
                publisher.finishSnapshot(connector, offset);
                return deleted;
            }
        };
    }
}
