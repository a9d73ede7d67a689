package th.go.mol.ldx.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** What JSON a field holds, read from a dataset's JSON Schema, so that text from a file or a database becomes it. */
public enum FieldType {
    TEXT, INTEGER, NUMBER, BOOLEAN, DATE;

    /** The type of every property of a JSON Schema ({@code properties}); TEXT where the schema names no other. */
    public static Map<String, FieldType> of(JsonNode schema) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(p -> types.put(p.getKey(), ofField(p.getValue())));
        return types;
    }

    private static FieldType ofField(JsonNode field) {
        JsonNode type = field.path("type");
        String name = type.isArray() ? firstNonNull(type) : type.asText();
        return switch (name) {
            case "integer" -> INTEGER;
            case "number" -> NUMBER;
            case "boolean" -> BOOLEAN;
            default -> "date".equals(field.path("format").asText()) ? DATE : TEXT;
        };
    }

    private static String firstNonNull(JsonNode types) {
        for (JsonNode t : types) {
            if (!"null".equals(t.asText())) {
                return t.asText();
            }
        }
        return "null";
    }
}
