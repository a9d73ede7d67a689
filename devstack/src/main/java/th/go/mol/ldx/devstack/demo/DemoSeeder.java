package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Loads the demo through the public API, as the real actors would, with the credentials {@link DemoParties} issued:
 * the administrator registers the datasets and the purposes, each agency requests its grants and the owner
 * department or the administrator approves them (one request stays pending), each owner department publishes its
 * records. Every record also becomes a change event.
 */
public final class DemoSeeder {

    private static final int IN_FLIGHT = 16;

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
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Void>> puts = new ArrayList<>(count);
        for (int n = 1; n <= count; n++) {
            ObjectNode record = dataset.record(data, n);
            String key = record.get(dataset.keyField()).asText();
            inFlight.acquireUninterruptibly();
            puts.add(api.putAsync("/v1/datasets/" + dataset.id() + "/records/" + key, token, record.toString())
                    .whenComplete((ok, failure) -> inFlight.release()));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
        return count;
    }
}
