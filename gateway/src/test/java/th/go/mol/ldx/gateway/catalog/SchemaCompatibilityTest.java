package th.go.mol.ldx.gateway.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.problem.Problem;

class SchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String BEFORE = """
            {"type":"object","required":["id"],"properties":{
              "id":{"type":"string"},"amount":{"type":"number","minimum":0},"province":{"type":"string"},
              "status":{"enum":["open","closed"]},"name":{"type":"string","maxLength":200}}}
            """;

    @Test
    void wideningAndAddingAnOptionalFieldBreakNothing() throws Exception {
        assertEquals(List.of(), breaks(BEFORE, """
                {"type":"object","required":["id"],"properties":{
                  "id":{"type":["string","null"]},"amount":{"type":"number"},"province":{"type":"string"},
                  "status":{"enum":["open","closed","filled"]},"name":{"type":"string","maxLength":400},
                  "note":{"type":"string","pattern":"^[a-z]*$"}}}
                """));
    }

    @Test
    void removingRenamingNarrowingAndRequiringAreEachReportedWhereTheyHappen() throws Exception {
        List<Problem.FieldError> breaks = breaks(BEFORE, """
                {"type":"object","required":["id","provinceCode"],"properties":{
                  "id":{"type":"string"},"amount":{"type":"integer","minimum":1},"provinceCode":{"type":"string"},
                  "status":{"enum":["open"]},"name":{"type":"string","maxLength":100,"pattern":"^[A-Z]"}}}
                """);

        assertEquals(List.of("/schema/properties/amount", "/schema/properties/amount", "/schema/properties/province",
                "/schema/properties/status", "/schema/properties/name", "/schema/properties/name", "/schema/required"),
                breaks.stream().map(Problem.FieldError::pointer).toList());
        assertEquals(List.of("field 'amount': type [number] narrowed to [integer]", "field 'amount': minimum raised",
                "field 'province' is removed (or renamed): consumers read it",
                "field 'status': enum values [\"closed\"] dropped", "field 'name': pattern added",
                "field 'name': maxLength lowered",
                "field 'provinceCode' is newly required: records and producers without it are refused"),
                breaks.stream().map(Problem.FieldError::message).toList());
    }

    @Test
    void anEnumOrAConstNumberWrittenOtherwiseIsTheSameValue() throws Exception {
        String before = """
                {"type":"object","properties":{"grade":{"enum":[100,2.5]},"level":{"const":{"at":[1]}}}}
                """;

        assertEquals(List.of(), breaks(before, """
                {"type":"object","properties":{"grade":{"enum":[1.0e2,2.50]},"level":{"const":{"at":[1.0]}}}}
                """));
        assertEquals(List.of("field 'grade': enum values [100] dropped", "field 'level': const changed"),
                breaks(before, """
                        {"type":"object","properties":{"grade":{"enum":[101,2.5]},"level":{"const":{"at":[2]}}}}
                        """).stream().map(Problem.FieldError::message).toList());
    }

    private static List<Problem.FieldError> breaks(String before, String after) throws Exception {
        JsonNode old = JSON.readTree(before);
        return SchemaCompatibility.breaks(old, JSON.readTree(after));
    }
}
