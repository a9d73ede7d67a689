package th.go.mol.ldx.gateway.grants;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What one caller may see of a record of one dataset. The same view is meant for REST pages and Kafka events. */
@FunctionalInterface
public interface RecordView {

    RecordView WHOLE = data -> data;

    ObjectNode apply(ObjectNode data);
}
