package th.go.mol.ldx.devstack.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The demo shows the grant model: a field subset, a province filter, an identified grant, a pending request. */
class DemoGrantTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDemoGrantNamesFieldsItsDatasetDeclaresAndPurposesTheDemoDeclares() throws Exception {
        Set<String> purposes = DemoPurpose.all().stream().map(DemoPurpose::code).collect(Collectors.toSet());
        for (DemoGrant grant : DemoGrant.all()) {
            JsonNode request = JSON.readTree(grant.requestJson());
            Set<String> declared = new HashSet<>();
            JSON.readTree(grant.dataset().definitionJson()).at("/schema/properties").fieldNames().forEachRemaining(declared::add);
            request.get("fields").forEach(f -> assertTrue(declared.contains(f.asText()), grant + ": " + f));
            request.get("rows").fieldNames().forEachRemaining(f -> assertTrue(declared.contains(f), grant + ": " + f));
            request.get("purposes").forEach(p -> assertTrue(purposes.contains(p.asText()), grant + ": " + p));
        }
    }

    @Test
    void theDemoHasAFieldSubsetWithAProvinceFilterAnIdentifiedGrantAndOnePendingRequest() throws Exception {
        assertTrue(DemoGrant.all().stream().anyMatch(g -> g.rows().contains("provinceCode") && g.approver() != null));
        assertTrue(DemoGrant.all().stream().anyMatch(g -> g.identified() && g.approver() != null));
        assertEquals(1, DemoGrant.all().stream().filter(g -> g.approver() == null).count());
    }
}
