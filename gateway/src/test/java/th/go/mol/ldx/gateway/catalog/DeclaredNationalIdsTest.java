package th.go.mol.ldx.gateway.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.catalog.PersonalDataField.Category;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.security.ThaiNationalId;

class DeclaredNationalIdsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = ThaiNationalId.withCheckDigit("310000000001").digits();
    private static final String SCHEMA = """
            {"type":"object","properties":{
              "id":{"type":"string"},
              "nationalId":{"type":"string","format":"th-national-id"},
              "employer":{"type":"object","properties":{
                "name":{"type":"string"},
                "owner":{"type":"object","properties":{"nationalId":{"type":"string","format":"th-national-id"}}}}},
              "dependants":{"type":"array","items":{"type":"string","format":"th-national-id"}}}}
            """;

    @Test
    void everyNationalIdTheSchemaDescribesIsDeclaredWhereItIs() throws Exception {
        List<FieldError> errors = DeclaredNationalIds.schemaErrors(definition(SCHEMA,
                new PersonalDataField("nationalId", Category.NATIONAL_ID)));

        assertEquals(List.of("/schema/properties/employer/properties/owner/properties/nationalId/format",
                "/schema/properties/dependants/items/format"), pointers(errors));
        assertTrue(errors.get(1).message().contains("within '/dependants'"), errors.get(1).message());
    }

    @Test
    void aNestedNationalIdIsDeclaredByPointerAndAnArrayOfThemAsItsField() throws Exception {
        assertEquals(List.of(), DeclaredNationalIds.schemaErrors(definition(SCHEMA,
                new PersonalDataField("nationalId", Category.NATIONAL_ID),
                new PersonalDataField("/employer/owner/nationalId", Category.NATIONAL_ID),
                new PersonalDataField("dependants", Category.NATIONAL_ID))));
    }

    @Test
    void declaredAnotherKindOfPersonalDataIsNotDeclaredANationalId() throws Exception {
        List<FieldError> errors = DeclaredNationalIds.schemaErrors(definition(SCHEMA,
                new PersonalDataField("nationalId", Category.OTHER),
                new PersonalDataField("/employer/owner/nationalId", Category.NATIONAL_ID),
                new PersonalDataField("dependants", Category.NATIONAL_ID)));

        assertEquals(List.of("/schema/properties/nationalId/format"), pointers(errors));
    }

    @Test
    void aFormatInCombinatorsOrDefinitionsCountsWhereItDescribes() throws Exception {
        String schema = """
                {"type":"object","$defs":{"nid":{"type":"string","format":"th-national-id"}},
                 "properties":{"id":{"type":"string"},"a":{"allOf":[{"type":"string","format":"th-national-id"}]},
                   "b":{"type":"string","examples":[{"format":"th-national-id"}]}}}
                """;

        List<FieldError> errors = DeclaredNationalIds.schemaErrors(definition(schema,
                new PersonalDataField("a", Category.NATIONAL_ID)));

        assertEquals(List.of("/schema/$defs/nid/format"), pointers(errors));
    }

    @Test
    void aDeclarationNamesAPlaceTheSchemaDescribes() throws Exception {
        List<FieldError> errors = DeclaredNationalIds.schemaErrors(definition("""
                {"type":"object","properties":{"id":{"type":"string"},"employer":{"type":"object"}}}
                """, new PersonalDataField("nationalld", Category.NATIONAL_ID),
                new PersonalDataField("/employer/owner", Category.NAME),
                new PersonalDataField("/employer", Category.NAME)));

        assertEquals(List.of("/personalDataFields/0/field", "/personalDataFields/1/field",
                "/personalDataFields/2/field"), pointers(errors));
    }

    @Test
    void aRecordHoldingANationalIdWhereNoneIsDeclaredIsRefusedWhereverItIs() throws Exception {
        Dataset dataset = dataset(new PersonalDataField("nationalId", Category.NATIONAL_ID));
        ObjectNode record = json("""
                {"id":"R-1","nationalId":"%1$s","employer":{"owner":{"nationalId":"%1$s"}},"dependants":["%1$s"],
                 "asNumber":%1$s,"notOne":"%2$s","tooShort":"310000000001"}
                """.formatted(ID, ID.substring(0, 12) + (char) ('0' + (ID.charAt(12) - '0' + 1) % 10)));
        List<FieldError> errors = new ArrayList<>();

        DeclaredNationalIds.undeclaredIn(dataset, "R-1", record, errors);

        assertEquals(List.of("/employer/owner/nationalId", "/dependants/0", "/asNumber"), pointers(errors));
    }

    @Test
    void aNationalIdAsPeopleWriteItOrAsANumberWrittenOtherwiseIsFoundToo() throws Exception {
        Dataset dataset = dataset(new PersonalDataField("nationalId", Category.NATIONAL_ID));
        String thai = ID.chars().mapToObj(c -> String.valueOf((char) ('๐' + (c - '0')))).reduce("", String::concat);
        ObjectNode record = json("""
                {"id":"R-1","dashed":"%1$s","spaced":"%2$s","thai":"%3$s","exponent":%4$s,"fraction":%5$s.0,
                 "byPerson":{"%5$s":5},"nearly":"%5$sX"}
                """.formatted(ID.charAt(0) + "-" + ID.substring(1, 5) + "-" + ID.substring(5, 10) + "-"
                        + ID.substring(10, 12) + "-" + ID.charAt(12), ID.substring(0, 6) + " " + ID.substring(6), thai,
                ID.charAt(0) + "." + ID.substring(1) + "E12", ID));
        List<FieldError> errors = new ArrayList<>();

        DeclaredNationalIds.undeclaredIn(dataset, "R-1", record, errors);

        assertEquals(List.of("/dashed", "/spaced", "/thai", "/exponent", "/fraction", "/byPerson"), pointers(errors));
    }

    @Test
    void aPlaceIsDeclaredOnceAndNoNationalIdWithinAnother() throws Exception {
        List<FieldError> errors = DeclaredNationalIds.schemaErrors(definition(SCHEMA,
                new PersonalDataField("nationalId", Category.NATIONAL_ID),
                new PersonalDataField("/employer/owner/nationalId", Category.NATIONAL_ID),
                new PersonalDataField("dependants", Category.NATIONAL_ID),
                new PersonalDataField("/employer/owner/nationalId", Category.OTHER),
                new PersonalDataField("employer", Category.NATIONAL_ID)));

        assertEquals(List.of("/personalDataFields/1/field", "/personalDataFields/3/field"), pointers(errors));
    }

    @Test
    void declaredPlacesAndTheirContentsPass() throws Exception {
        Dataset dataset = dataset(new PersonalDataField("nationalId", Category.NATIONAL_ID),
                new PersonalDataField("/employer/owner/nationalId", Category.NATIONAL_ID),
                new PersonalDataField("dependants", Category.NATIONAL_ID));
        ObjectNode record = json("""
                {"id":"R-1","nationalId":"%1$s","employer":{"owner":{"nationalId":"%1$s"}},"dependants":["%1$s"]}
                """.formatted(ID));
        List<FieldError> errors = new ArrayList<>();

        DeclaredNationalIds.undeclaredIn(dataset, "R-1", record, errors);

        assertEquals(List.of(), errors);
    }

    @Test
    void aKeyThatIsANationalIdIsRefused() throws Exception {
        List<FieldError> errors = new ArrayList<>();

        DeclaredNationalIds.undeclaredIn(dataset(), ID, json("{\"id\":\"" + ID + "\"}"), errors);

        assertEquals(List.of("/id"), pointers(errors));
    }

    private static List<String> pointers(List<FieldError> errors) {
        return errors.stream().map(FieldError::pointer).toList();
    }

    private static DatasetDefinition definition(String schema, PersonalDataField... declarations) throws Exception {
        return new DatasetDefinition(new LocalizedText("ทดสอบ", "Test"), new LocalizedText("ทดสอบ", "Test"),
                "dept-sso", Classification.INTERNAL, "id", json(schema), List.of(declarations), null, null, null);
    }

    private static Dataset dataset(PersonalDataField... declarations) throws Exception {
        return new Dataset("test-set", new LocalizedText("ทดสอบ", "Test"), new LocalizedText("ทดสอบ", "Test"),
                "dept-sso", Classification.INTERNAL, "id", json(SCHEMA), 1, List.of(declarations), null, null,
                "ldx.dataset.test-set", 0, 0, null, Instant.EPOCH);
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }
}
