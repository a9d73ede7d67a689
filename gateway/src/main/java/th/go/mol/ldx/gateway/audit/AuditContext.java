package th.go.mol.ldx.gateway.audit;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * What the audit entry of the current request needs that only the use case knows: the dataset an action concerns
 * when the path does not name it (a grant's), and how many records the answer carries.
 */
@RequestScoped
public class AuditContext {

    private String datasetId;
    private Integer records;

    /** The dataset this request concerns. */
    public void concerns(String datasetId) {
        this.datasetId = datasetId;
    }

    /** How many records the answer carries. */
    public void returned(int records) {
        this.records = records;
    }

    Optional<String> datasetId() {
        return Optional.ofNullable(datasetId);
    }

    public Optional<Integer> records() {
        return Optional.ofNullable(records);
    }
}
