package th.go.mol.ldx.devstack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import th.go.mol.ldx.devstack.Devstack;
import th.go.mol.ldx.devstack.PostgresServer;
import th.go.mol.ldx.devstack.demo.BulkLoad;
import th.go.mol.ldx.devstack.demo.DemoData;
import th.go.mol.ldx.devstack.demo.DemoDataset;
import th.go.mol.ldx.devstack.demo.DemoGrant;
import th.go.mol.ldx.devstack.demo.ReferenceData;

/**
 * What bench/read-api.sh compares the national-scale dataset with: a copy of sso-insured-persons under another id,
 * with the same definition, the same grant of agency-nso (its fields, its pseudonyms, its purpose), and a small
 * number of records, so that a page of each is the same work on a table of another size.
 */
public final class ReadsBench {

    /** The small copy's id. */
    public static final String SMALL = "sso-insured-persons-small";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReadsBench() {
    }

    /** Defines the copy, grants it to agency-nso as the demo grants the original, and loads {@code records}. */
    public static void prepareSmallCopy(Devstack stack, int records) throws IOException, SQLException {
        String admin = stack.parties().token("ldx-admin");
        stack.api().put("/v1/admin/datasets/" + SMALL, admin, DemoDataset.SSO_INSURED_PERSONS.definitionJson());
        DemoGrant nso = DemoGrant.all().stream()
                .filter(g -> g.agency().equals("agency-nso") && g.dataset() == DemoDataset.SSO_INSURED_PERSONS)
                .findFirst().orElseThrow();
        ObjectNode request = (ObjectNode) JSON.readTree(nso.requestJson());
        request.put("datasetId", SMALL);
        String grant = stack.api().post("/v1/grants", stack.parties().token("agency-nso"), request.toString())
                .get("id").asText();
        stack.api().post("/v1/grants/" + grant + "/approve", stack.parties().token("dept-sso"), "{}");
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD)) {
            BulkLoad.load(c, SMALL, DemoDataset.SSO_INSURED_PERSONS, new DemoData(new ReferenceData(), 2026), 1,
                    records);
        }
        System.out.printf("Small copy: %s, %,d records, granted to agency-nso as sso-insured-persons is.%n", SMALL,
                records);
    }
}
