package th.go.mol.ldx.gateway.grants;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What one caller may see of a record of one dataset. The same view is meant for REST pages and Kafka events.
 * A view may change the node it is given (records are read fresh for each answer) and returns what to show.
 */
@FunctionalInterface
public interface RecordView {

    RecordView WHOLE = data -> data;

    ObjectNode apply(ObjectNode data);
}
