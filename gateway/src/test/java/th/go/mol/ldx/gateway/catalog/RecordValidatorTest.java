package th.go.mol.ldx.gateway.catalog;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.problem.Problem;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

class RecordValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordValidator validator = new RecordValidator();

    @Test
    void recordThatMatchesTheSchemaPasses() throws Exception {
        assertDoesNotThrow(() -> validator.requireValid(dataset(), "V-1", json("{\"id\":\"V-1\",\"amount\":3}")));
    }

    @Test
    void everyBrokenFieldIsReportedWithItsPointer() throws Exception {
        ProblemException e = assertThrows(ProblemException.class,
                () -> validator.requireValid(dataset(), "V-1", json("{\"id\":\"V-1\",\"amount\":-1,\"extra\":true}")));

        assertEquals(ProblemType.INVALID_RECORD, e.type());
        List<String> pointers = e.errors().stream().map(Problem.FieldError::pointer).sorted().toList();
        assertEquals(List.of("", "/amount"), pointers);
    }

    @Test
    void aMemberNameWithALoneSurrogateOrANulCannotBeStored() throws Exception {
        ProblemException e = assertThrows(ProblemException.class, () -> validator.requireValid(dataset(), "V-1",
                json("{\"id\":\"V-1\",\"amount\":3,\"nested\":{\"a\\ud800\":1,\"b\\u0000\":2}}")));

        assertEquals(ProblemType.MALFORMED_REQUEST, e.type());
        assertEquals(2, e.errors().size());
        assertEquals(List.of("/nested", "/nested"), e.errors().stream().map(Problem.FieldError::pointer).toList());
        assertTrue(e.errors().get(0).message().startsWith("a member name holds"));
    }

    @Test
    void aNumberTooLongWrittenOutInFullCannotBeStored() throws Exception {
        ObjectNode record = json("{\"id\":\"V-1\",\"nested\":[1,2.5]}");
        record.put("amount", new BigDecimal("1e1000"));

        ProblemException e = assertThrows(ProblemException.class,
                () -> validator.requireValid(dataset(), "V-1", record));

        assertEquals(ProblemType.MALFORMED_REQUEST, e.type());
        assertEquals(List.of("/amount"), e.errors().stream().map(Problem.FieldError::pointer).toList());
        assertTrue(e.errors().get(0).message().startsWith("is a number of more than 1,000 characters"));
    }

    @Test
    void aRecordWithAValueThatCannotBeStoredIsNotCheckedAgainstTheSchema() throws Exception {
        ObjectNode record = json("{\"id\":\"V-1\"}");
        // Below the schema's minimum of 0 too; the schema is not asked (a multipleOf on such a number divides for
        // seconds), only the number's length is refused.
        record.put("amount", new BigDecimal("-1e1000"));

        List<Problem.FieldError> violations = validator.violations(dataset(), "V-1", record);

        assertEquals(1, violations.size(), violations.toString());
        assertEquals("/amount", violations.get(0).pointer());
        assertTrue(violations.get(0).message().startsWith("is a number of more than 1,000 characters"));
    }

    @Test
    void keyFieldMustEqualTheKeyInThePath() throws Exception {
        ProblemException e = assertThrows(ProblemException.class,
                () -> validator.requireValid(dataset(), "V-2", json("{\"id\":\"V-1\",\"amount\":3}")));

        assertEquals("/id", e.errors().get(0).pointer());
    }

    @Test
    void aSchemaThatIsNotAJsonSchemaIsRefused() throws Exception {
        ProblemException e = assertThrows(ProblemException.class,
                () -> validator.requireUsable(definition(json("{\"type\":\"banana\"}"), "id")));

        assertEquals(ProblemType.INVALID_DATASET, e.type());
    }

    @Test
    void aRecordKeyThatIsANationalIdIsRefused() throws Exception {
        ObjectNode schema = json("{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"nid\":{\"type\":\"string\"}}}");
        assertDoesNotThrow(() -> validator.requireUsable(definition(schema, "id")));

        ProblemException e = assertThrows(ProblemException.class, () -> validator.requireUsable(definition(schema, "nid")));

        assertEquals(ProblemType.INVALID_DATASET, e.type());
        assertEquals("/keyField", e.errors().get(0).pointer());
    }

    @Test
    void statisticsCountByDeclaredCodesAndSumDeclaredNumbersOnly() throws Exception {
        ObjectNode schema = json("""
                {"type":"object","properties":{"id":{"type":"string"},"nid":{"type":"string"},
                 "province":{"type":"string"},"sex":{"enum":["F","M"]},"wage":{"type":"integer"},"note":{"type":"string"}}}
                """);
        assertDoesNotThrow(() -> validator.requireUsable(withStatistics(schema,
                new Statistics(List.of("province", "sex"), List.of("wage")))));

        ProblemException e = assertThrows(ProblemException.class, () -> validator.requireUsable(withStatistics(schema,
                new Statistics(List.of("province", "nid", "id", "salary"), List.of("wage", "note", "bonus")))));

        assertEquals(ProblemType.INVALID_DATASET, e.type());
        assertEquals(List.of("/statistics/dimensions/1", "/statistics/dimensions/2", "/statistics/dimensions/3",
                "/statistics/measures/1", "/statistics/measures/2"),
                e.errors().stream().map(Problem.FieldError::pointer).toList());
    }

    private static DatasetDefinition withStatistics(ObjectNode schema, Statistics statistics) {
        DatasetDefinition plain = definition(schema, "id");
        return new DatasetDefinition(plain.title(), plain.description(), plain.owner(), plain.classification(),
                plain.keyField(), schema, plain.personalDataFields(), null, statistics, null);
    }

    private static DatasetDefinition definition(ObjectNode schema, String keyField) {
        return new DatasetDefinition(new LocalizedText("ทดสอบ", "Test"), new LocalizedText("ทดสอบ", "Test"), "dept-sso",
                Classification.INTERNAL, keyField, schema,
                List.of(new PersonalDataField("nid", PersonalDataField.Category.NATIONAL_ID)), null, null, null);
    }

    @Test
    void aChangedCatalogEntryIsCheckedAgainstItsNewSchema() throws Exception {
        Dataset before = dataset();
        validator.requireValid(before, "V-1", json("{\"id\":\"V-1\",\"amount\":3}"));
        Dataset after = new Dataset(before.id(), before.title(), before.description(), before.owner(),
                before.classification(), before.keyField(),
                json("{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"string\"}}}"), 2,
                before.personalDataFields(), null, null, before.topic(), 0, 0, null, before.updatedAt().plusSeconds(1));

        assertThrows(ProblemException.class, () -> validator.requireValid(after, "V-1", json("{\"id\":\"V-1\",\"amount\":3}")));
    }

    @Test
    void thaiFormatsAndDatesAreCheckedWhereTheSchemaDeclaresThem() throws Exception {
        Dataset dataset = withSchema("""
                {"type":"object","properties":{"id":{"type":"string"},
                 "nid":{"type":"string","format":"th-national-id"},"province":{"type":"string","format":"th-province-code"},
                 "isic":{"type":"string","format":"isic-section"},"isco":{"type":"string","format":"isco-08"},
                 "on":{"type":"string","format":"date"},"note":{"type":"string"}}}
                """);
        assertEquals(List.of(), validator.violations(dataset, "V-1", json("""
                {"id":"V-1","nid":"1101700203450","province":"38","isic":"C","isco":"7212","on":"2024-02-29",
                 "note":"1101700203451"}
                """)));

        List<Problem.FieldError> errors = validator.violations(dataset, "V-1", json("""
                {"id":"V-1","nid":"1101700203451","province":"99","isic":"Z","isco":"1512","on":"2023-02-29"}
                """));

        assertEquals(List.of("/isco", "/isic", "/nid", "/on", "/province"),
                errors.stream().map(Problem.FieldError::pointer).sorted().toList());
        assertEquals("is not a Thai national ID (13 digits, the last a valid check digit)",
                errors.stream().filter(e -> e.pointer().equals("/nid")).findFirst().orElseThrow().message());
    }

    private static Dataset dataset() throws Exception {
        return withSchema("""
                {"type":"object","required":["id","amount"],"additionalProperties":false,
                 "properties":{"id":{"type":"string"},"amount":{"type":"integer","minimum":0}}}
                """);
    }

    private static Dataset withSchema(String schemaText) throws Exception {
        ObjectNode schema = json(schemaText);
        return new Dataset("test-set", new LocalizedText("ทดสอบ", "Test"), new LocalizedText("ทดสอบ", "Test"),
                "dept-sso", Classification.INTERNAL, "id", schema, 1,
                List.of(new PersonalDataField("nid", PersonalDataField.Category.NATIONAL_ID)), null, null,
                "ldx.dataset.test-set", 0, 0, null, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }
}
