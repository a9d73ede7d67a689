package th.go.mol.ldx.gateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;

class RowFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void equalityAndInMatchCodesAndNumbersByValue() throws Exception {
        RowFilter filter = parse("{\"provinceCode\":{\"in\":[\"10\",\"11\"]},\"amount\":{\"eq\":10}}");

        assertTrue(filter.test(json("{\"provinceCode\":\"11\",\"amount\":10.0}")));
        assertFalse(filter.test(json("{\"provinceCode\":\"50\",\"amount\":10}")));
        assertFalse(filter.test(json("{\"provinceCode\":\"10\",\"amount\":11}")));
        assertFalse(filter.test(json("{\"provinceCode\":10,\"amount\":10}")), "a number is not the code \"10\"");
    }

    @Test
    void rangesIncludeOrExcludeTheirBounds() throws Exception {
        RowFilter filter = parse("{\"amount\":{\"gte\":5,\"lt\":8}}");

        assertFalse(filter.test(json("{\"amount\":4.99}")));
        assertTrue(filter.test(json("{\"amount\":5}")));
        assertTrue(filter.test(json("{\"amount\":7}")));
        assertFalse(filter.test(json("{\"amount\":8}")));
        assertFalse(parse("{\"amount\":{\"gt\":5}}").test(json("{\"amount\":5}")));
        assertTrue(parse("{\"amount\":{\"lte\":5}}").test(json("{\"amount\":5}")));
    }

    @Test
    void datesCompareAsIsoDates() throws Exception {
        RowFilter filter = parse("{\"registeredOn\":{\"gte\":\"2020-01-05\",\"lt\":\"2021-01-01\"}}");

        assertFalse(filter.test(json("{\"registeredOn\":\"2020-01-04\"}")));
        assertTrue(filter.test(json("{\"registeredOn\":\"2020-01-05\"}")));
        assertTrue(filter.test(json("{\"registeredOn\":\"2020-12-31\"}")));
        assertFalse(filter.test(json("{\"registeredOn\":\"2021-01-01\"}")));
    }

    @Test
    void aRecordWithoutTheFieldOrWithAnotherTypeNeverPasses() throws Exception {
        assertFalse(parse("{\"amount\":{\"lt\":5}}").test(json("{}")));
        assertFalse(parse("{\"amount\":{\"lt\":5}}").test(json("{\"amount\":null}")));
        assertFalse(parse("{\"amount\":{\"lt\":5}}").test(json("{\"amount\":\"1\"}")), "text is not below a number");
        assertFalse(parse("{\"amount\":{\"gt\":5}}").test(json("{\"amount\":\"9\"}")), "nor above it");
    }

    @Test
    void noConditionIsEveryRowAndFiltersCombineAsBoth() throws Exception {
        assertTrue(RowFilter.ALL.test(json("{}")));
        assertEquals(RowFilter.ALL, parse("{}"));
        RowFilter both = parse("{\"provinceCode\":{\"eq\":\"10\"}}").and(parse("{\"amount\":{\"gt\":1}}"));
        assertTrue(both.test(json("{\"provinceCode\":\"10\",\"amount\":2}")));
        assertFalse(both.test(json("{\"provinceCode\":\"10\",\"amount\":1}")));
        assertEquals(java.util.Set.of("provinceCode", "amount"), both.fields());
    }

    @Test
    void itsJsonFormReadsBackAsTheSameFilter() throws Exception {
        RowFilter filter = parse("{\"provinceCode\":{\"in\":[\"10\",\"11\"]},\"amount\":{\"gte\":5,\"lt\":8}}");

        assertEquals(filter, parse(filter.toJson().toString()));
        assertEquals(json("{\"provinceCode\":{\"in\":[\"10\",\"11\"]},\"amount\":{\"gte\":5,\"lt\":8}}"), filter.toJson());
    }

    @Test
    void malformedFiltersAreReportedWithAPointerEach() throws Exception {
        List<FieldError> errors = new ArrayList<>();
        RowFilter.parse(json("{\"a\":{\"like\":\"x\"},\"b\":{\"in\":[]},\"c\":\"10\",\"d\":{\"gt\":true},\"e\":{\"in\":[{}]}}"),
                "/rows", errors);

        assertEquals(List.of("/rows/a/like", "/rows/b/in", "/rows/c", "/rows/d/gt", "/rows/e/in/0"),
                errors.stream().map(FieldError::pointer).toList());
        List<FieldError> notAnObject = new ArrayList<>();
        RowFilter.parse(json("[1]"), "/rows", notAnObject);
        assertEquals("/rows", notAnObject.get(0).pointer());
    }

    static RowFilter parse(String json) throws Exception {
        List<FieldError> errors = new ArrayList<>();
        RowFilter filter = RowFilter.parse(json(json), "", errors);
        assertEquals(List.of(), errors);
        return filter;
    }

    static RowFilter parseQuietly(String json) {
        try {
            return parse(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
