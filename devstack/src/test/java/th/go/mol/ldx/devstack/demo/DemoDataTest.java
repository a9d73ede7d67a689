package th.go.mol.ldx.devstack.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.security.ThaiNationalId;

class DemoDataTest {

    private static final ReferenceData REF = new ReferenceData();
    private final DemoData data = new DemoData(REF, 2026);

    @Test
    void codeListsAreComplete() {
        assertEquals(77, REF.provinces().stream().map(ReferenceData.Code::code).distinct().count());
        assertEquals(21, REF.isicSections().size());
        assertEquals(10, REF.iscoMajorGroups().size());
        assertTrue(REF.nationalities().stream().allMatch(n -> !n.givenNames().isEmpty() && !n.familyNames().isEmpty()));
    }

    @Test
    void everyGeneratedRecordMatchesItsDatasetSchema() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (DemoDataset dataset : DemoDataset.values()) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(json.readTree(dataset.definitionJson()).get("schema"));
            for (int n = 1; n <= 2_000; n++) {
                ObjectNode record = dataset.record(data, n);
                assertEquals(List.of(), schema.validate(record).stream().map(Object::toString).toList(),
                        dataset.id() + " record " + n);
            }
        }
    }

    @Test
    void nationalIdsCarryAValidCheckDigitAndARealProvince() {
        Set<String> provinces = new HashSet<>(REF.provinces().stream().map(ReferenceData.Code::code).toList());
        for (int n = 1; n <= 10_000; n++) {
            String id = data.insuredPerson(n).get("nationalId").asText();
            assertTrue(ThaiNationalId.isValid(id), id);
            assertTrue(provinces.contains(id.substring(1, 3)), id);
        }
    }

    @Test
    void recordNIsTheSameOnEveryRunSoMillionsCanBeStreamed() {
        assertEquals(data.workPermit(123_456), new DemoData(REF, 2026).workPermit(123_456));
        assertNotEquals(data.workPermit(123_456), data.workPermit(123_457));
        assertEquals("WP-01234567", data.workPermit(1_234_567).get("permitId").asText());
    }

    @Test
    void foreignWorkersComeMostlyFromNeighbouringCountries() {
        long neighbours = 0;
        for (int n = 1; n <= 10_000; n++) {
            if (List.of("MMR", "KHM", "LAO").contains(data.workPermit(n).get("nationality").asText())) {
                neighbours++;
            }
        }
        assertTrue(neighbours > 8_000 && neighbours < 9_000, "about 85% from Myanmar, Cambodia and Lao PDR: " + neighbours);
    }
}
