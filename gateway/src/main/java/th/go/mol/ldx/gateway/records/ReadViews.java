package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import th.go.mol.ldx.gateway.access.AccessContext;
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
    private final AccessContext access;
    private final ObjectMapper json;

    ReadViews(AccessPolicy policy, SecurityIdentity identity, AccessContext access, ObjectMapper json) {
        this.policy = policy;
        this.identity = identity;
        this.access = access;
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

    /**
     * Whether the view {@link #of} gave this request is still the caller's (the same grant in effect; always, for
     * the owner), for a read that goes on after its request was admitted: an export.
     */
    public BooleanSupplier stillGranted(Dataset dataset) {
        Caller caller = Caller.of(identity);
        UUID grant = access.grantId().orElse(null);
        return () -> policy.stillInEffect(caller, dataset.id(), grant);
    }
}
