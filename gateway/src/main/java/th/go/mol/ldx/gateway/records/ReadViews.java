package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import th.go.mol.ldx.gateway.access.AccessPolicy;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.RecordView;
import th.go.mol.ldx.gateway.catalog.Dataset;

/**
 * The view a read of records is served with: the caller's, from the policy, narrowed by the read's {@code fields}
 * and {@code filter} parameters. Pages, single records and exports all ask here.
 */
@ApplicationScoped
public class ReadViews {

    private final AccessPolicy policy;
    private final SecurityIdentity identity;
    private final ObjectMapper json;

    ReadViews(AccessPolicy policy, SecurityIdentity identity, ObjectMapper json) {
        this.policy = policy;
        this.identity = identity;
        this.json = json;
    }

    public RecordView of(Dataset dataset, String purpose, String fields, String filter) {
        RecordView granted = policy.readView(Caller.of(identity), dataset, purpose);
        if (fields == null && filter == null) {
            return granted;
        }
        ReadQuery asked = ReadQuery.parse(dataset, fields, filter, json);
        return policy.narrow(granted, asked.fields(), asked.filter());
    }
}
