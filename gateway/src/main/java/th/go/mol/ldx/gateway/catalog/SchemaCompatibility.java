package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;

/**
 * What a new record schema breaks for the consumers and producers of the old one, field by field: a field removed
 * (a rename is a removal and an addition), a field newly required, and a field whose values the new schema narrows
 * (a type dropped, enum values dropped, a pattern, a format or a constant where there was none or another one,
 * bounds tightened). Widening (a type or enum value added, a constraint loosened, an optional field added) breaks
 * nothing. Each break is reported with a pointer into the definition.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    static List<FieldError> breaks(JsonNode before, JsonNode after) {
        List<FieldError> breaks = new ArrayList<>();
        JsonNode oldFields = before.path("properties");
        JsonNode newFields = after.path("properties");
        oldFields.fieldNames().forEachRemaining(field -> {
            String pointer = "/schema/properties/" + JsonPointer.token(field);
            if (!newFields.has(field)) {
                breaks.add(new FieldError(pointer, "field '" + field + "' is removed (or renamed): consumers read it"));
            } else {
                narrowings(oldFields.get(field), newFields.get(field)).forEach(
                        reason -> breaks.add(new FieldError(pointer, "field '" + field + "': " + reason)));
            }
        });
        Set<String> required = names(after.path("required"));
        required.removeAll(names(before.path("required")));
        for (String field : required) {
            breaks.add(new FieldError("/schema/required", "field '" + field + "' is newly required: records and "
                    + "producers without it are refused"));
        }
        return breaks;
    }

    /**
     * Whether two JSON values are the same value, as JSON Schema and {@code jsonb} compare them: numbers by value
     * ({@code 100} is {@code 100.0}), at any depth. Null (absent) is no value.
     */
    private static boolean sameValue(JsonNode one, JsonNode other) {
        return one != null && other != null && one.equals((a, b) -> a.isNumber() && b.isNumber()
                ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1, other);
    }

    /** How the new schema of one field accepts fewer values than the old one. */
    private static List<String> narrowings(JsonNode before, JsonNode after) {
        List<String> reasons = new ArrayList<>();
        Set<String> oldTypes = types(before);
        Set<String> newTypes = types(after);
        if (!newTypes.isEmpty() && !covers(newTypes, oldTypes)) {
            reasons.add("type " + oldTypes + " narrowed to " + newTypes);
        }
        if (after.has("enum")) {
            List<JsonNode> allowed = new ArrayList<>();
            after.get("enum").forEach(allowed::add);
            List<JsonNode> dropped = new ArrayList<>();
            if (before.has("enum")) {
                before.get("enum").forEach(value -> {
                    if (allowed.stream().noneMatch(kept -> sameValue(kept, value))) {
                        dropped.add(value);
                    }
                });
            }
            if (!before.has("enum") || !dropped.isEmpty()) {
                reasons.add(before.has("enum") ? "enum values " + dropped + " dropped" : "values limited to an enum");
            }
        }
        for (String keyword : List.of("pattern", "format", "const")) {
            if (after.has(keyword) && !sameValue(after.get(keyword), before.get(keyword))) {
                reasons.add(keyword + " " + (before.has(keyword) ? "changed" : "added"));
            }
        }
        for (String keyword : List.of("minimum", "exclusiveMinimum", "minLength", "minItems")) {
            if (tightened(before.get(keyword), after.get(keyword), 1)) {
                reasons.add(keyword + " raised");
            }
        }
        for (String keyword : List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems")) {
            if (tightened(before.get(keyword), after.get(keyword), -1)) {
                reasons.add(keyword + " lowered");
            }
        }
        return reasons;
    }

    /** A bound added, or moved in {@code direction} (1: up, for a lower bound; -1: down, for an upper bound). */
    private static boolean tightened(JsonNode before, JsonNode after, int direction) {
        if (after == null || !after.isNumber()) {
            return false;
        }
        if (before == null || !before.isNumber()) {
            return true;
        }
        BigDecimal was = before.decimalValue();
        BigDecimal is = after.decimalValue();
        return is.compareTo(was) * direction > 0;
    }

    /** Every old type is still allowed; "number" allows "integer". */
    private static boolean covers(Set<String> newTypes, Set<String> oldTypes) {
        if (oldTypes.isEmpty()) {
            return false;
        }
        for (String type : oldTypes) {
            if (!newTypes.contains(type) && !(type.equals("integer") && newTypes.contains("number"))) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> types(JsonNode schema) {
        return names(schema.path("type"));
    }

    /** A string or an array of strings, as a set. */
    private static Set<String> names(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        if (node.isTextual()) {
            names.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        }
        return names;
    }
}
