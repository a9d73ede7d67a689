package th.go.mol.ldx.gateway.grants;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;
import th.go.mol.ldx.security.Pseudonymiser;

/**
 * Who may read which dataset, and what of it. The owner department sees its own records whole; a partner agency
 * needs a grant, and sees national IDs as its own pseudonyms unless the grant says otherwise.
 */
@ApplicationScoped
public class AccessPolicy {

    private final GrantStore grants;
    private final Pseudonymiser pseudonymiser;

    AccessPolicy(GrantStore grants, PseudonymConfig config) {
        this.grants = grants;
        this.pseudonymiser = new Pseudonymiser(config.key().getBytes(StandardCharsets.UTF_8));
    }

    public RecordView readView(Caller caller, Dataset dataset) {
        if (caller.owner() && dataset.ownedBy(caller.clientId())) {
            return RecordView.WHOLE;
        }
        Grant grant = caller.partner() ? grants.find(caller.clientId(), dataset.id()).orElse(null) : null;
        if (grant == null) {
            throw new ProblemException(ProblemType.NOT_GRANTED,
                    "'" + caller.clientId() + "' holds no grant to read dataset '" + dataset.id() + "'.");
        }
        return grant.pseudonymised() ? pseudonymising(caller.clientId(), dataset.nationalIdFields()) : RecordView.WHOLE;
    }

    public void requireOwner(Caller caller, Dataset dataset) {
        if (!caller.owner() || !dataset.ownedBy(caller.clientId())) {
            throw new ProblemException(ProblemType.NOT_OWNER,
                    "Dataset '" + dataset.id() + "' is published by '" + dataset.owner() + "' only.");
        }
    }

    private RecordView pseudonymising(String agency, List<String> fields) {
        if (fields.isEmpty()) {
            return RecordView.WHOLE;
        }
        return data -> {
            for (String field : fields) {
                JsonNode value = data.get(field);
                if (value != null && value.isTextual()) {
                    data.put(field, pseudonymiser.pseudonym(agency, value.asText()));
                }
            }
            return data;
        };
    }
}
