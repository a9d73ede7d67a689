package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;

/**
 * Loads the demo through the public API, as the real actors would, with the credentials {@link DemoParties} issued:
 * the administrator registers the datasets and the purposes, each agency requests its grants and the owner
 * department or the administrator approves them (one request stays pending), each owner department publishes its
 * records in batches, each with an {@code Idempotency-Key}. Every record also becomes a change event.
 */
public final class DemoSeeder {

    private static final int BATCH = 1_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LdxApi api;
    private final DemoData data;
    private final DemoParties parties;

    public DemoSeeder(LdxApi api, DemoData data, DemoParties parties) {
        this.api = api;
        this.data = data;
        this.parties = parties;
    }

    /** Seeds the catalog, the grants and {@code fraction} of each dataset's demo size; answers the records written. */
    public int seed(double fraction) {
        String admin = parties.token(DemoOrganisation.ADMINISTRATION);
        for (DemoDataset dataset : DemoDataset.values()) {
            api.put("/v1/admin/datasets/" + dataset.id(), admin, dataset.definitionJson());
        }
        for (DemoPurpose purpose : DemoPurpose.all()) {
            api.put("/v1/admin/purposes/" + purpose.code(), admin, purpose.definitionJson());
        }
        for (DemoGrant grant : DemoGrant.all()) {
            String id = api.post("/v1/grants", parties.token(grant.agency()), grant.requestJson()).get("id").asText();
            if (grant.approver() != null) {
                api.post("/v1/grants/" + id + "/approve", parties.token(grant.approver()), "{}");
            }
        }
        int written = 0;
        for (DemoDataset dataset : DemoDataset.values()) {
            written += publish(dataset, (int) Math.ceil(dataset.demoSize() * fraction));
        }
        return written;
    }

    private int publish(DemoDataset dataset, int count) {
        String token = parties.token(dataset.owner());
        for (int first = 1; first <= count; first += BATCH) {
            ObjectNode batch = JSON.createObjectNode();
            ArrayNode changes = batch.putArray("changes");
            for (int n = first; n < first + BATCH && n <= count; n++) {
                changes.addObject().put("operation", "upsert").set("data", dataset.record(data, n));
            }
            api.post("/v1/datasets/" + dataset.id() + "/records:batch", token, batch.toString(),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        }
        return count;
    }
}
