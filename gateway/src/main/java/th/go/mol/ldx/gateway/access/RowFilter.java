package th.go.mol.ldx.gateway.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.gateway.problem.StrictJson;

/**
 * Which rows of a dataset pass: every condition holds (a conjunction). Its JSON form names a declared field and,
 * per field, one or more operators: {@code {"provinceCode": {"in": ["10", "11"]}, "monthlyWage": {"gte": 15000}}}.
 * {@code eq} and {@code in} work on codes, numbers and booleans; {@code gt}, {@code gte}, {@code lt}, {@code lte}
 * on numbers and on dates ({@code "format": "date"}, compared as ISO dates). A record without the field, or with
 * a value of another JSON type, does not pass: a filter fails closed.
 *
 * <p>The same filter runs in Java ({@link #test}) for single records and change events, and is pushed down to
 * SQL by the record store for pages; both follow the comparison rules of {@link Condition#test}.
 */
public record RowFilter(List<Condition> conditions) {

    /** Every row. */
    public static final RowFilter ALL = new RowFilter(List.of());

    static final int MAX_CONDITIONS = 20;
    static final int MAX_VALUES = 1000;

    private static final String NUMBER_LENGTH = String.format("%,d characters written out in full",
            StrictJson.MAX_NUMBER_LENGTH);
    private static final String NOT_A_SCALAR = "must be a string, a number (at most " + NUMBER_LENGTH
            + ") or a boolean";

    public RowFilter {
        conditions = List.copyOf(conditions);
    }

    public enum Operator {
        EQ, IN, GT, GTE, LT, LTE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean range() {
            return this != EQ && this != IN;
        }

        static Operator ofCode(String code) {
            for (Operator operator : values()) {
                if (operator.code().equals(code)) {
                    return operator;
                }
            }
            return null;
        }
    }

    /** One condition: {@code field operator value}; {@code in} has several values, every other operator one. */
    public record Condition(String field, Operator operator, List<JsonNode> values) {

        public Condition {
            values = List.copyOf(values);
        }

        public boolean test(JsonNode data) {
            JsonNode value = data.get(field);
            if (value == null || value.isNull()) {
                return false;
            }
            return switch (operator) {
                case EQ, IN -> values.stream().anyMatch(wanted -> sameValue(value, wanted));
                case GT, GTE, LT, LTE -> inRange(value, values.get(0));
            };
        }

        private boolean inRange(JsonNode value, JsonNode bound) {
            Integer order = compare(value, bound);
            if (order == null) {
                return false;
            }
            return switch (operator) {
                case GT -> order > 0;
                case GTE -> order >= 0;
                case LT -> order < 0;
                default -> order <= 0;
            };
        }

        /** JSON equality, numbers by value (10 equals 10.0), as PostgreSQL compares {@code jsonb}. */
        private static boolean sameValue(JsonNode value, JsonNode wanted) {
            if (value.isNumber() && wanted.isNumber()) {
                return value.decimalValue().compareTo(wanted.decimalValue()) == 0;
            }
            return value.equals(wanted);
        }

        /** Numbers by value, strings by code point (PostgreSQL's COLLATE "C" on UTF-8); other pairs never pass. */
        private static Integer compare(JsonNode value, JsonNode bound) {
            if (bound.isNumber() && value.isNumber()) {
                return value.decimalValue().compareTo(bound.decimalValue());
            }
            if (bound.isTextual() && value.isTextual()) {
                return compareCodePoints(value.asText(), bound.asText());
            }
            return null;
        }
    }

    public boolean test(JsonNode data) {
        for (Condition condition : conditions) {
            if (!condition.test(data)) {
                return false;
            }
        }
        return true;
    }

    /** Rows that pass both filters. */
    public RowFilter and(RowFilter other) {
        List<Condition> both = new ArrayList<>(conditions);
        both.addAll(other.conditions);
        return new RowFilter(both);
    }

    /** The fields the filter reads. */
    public Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        conditions.forEach(c -> fields.add(c.field()));
        return fields;
    }

    @JsonValue
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Condition condition : conditions) {
            ObjectNode operators = json.has(condition.field()) ? (ObjectNode) json.get(condition.field())
                    : json.putObject(condition.field());
            if (condition.operator() == Operator.IN) {
                ArrayNode values = operators.putArray(condition.operator().code());
                condition.values().forEach(values::add);
            } else {
                operators.set(condition.operator().code(), condition.values().get(0));
            }
        }
        return json;
    }

    /** Reads a filter that was checked when it was stored: one that no longer parses is a bug, not an input error. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RowFilter ofStored(JsonNode json) {
        List<FieldError> errors = new ArrayList<>();
        RowFilter filter = parse(json, "", errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("a stored row filter does not parse: " + errors);
        }
        return filter;
    }

    /**
     * Reads the JSON form; what is malformed is added to {@code errors} (JSON pointers under {@code pointer}) and
     * left out of the answer. {@code null} or an empty object is every row.
     */
    public static RowFilter parse(JsonNode json, String pointer, List<FieldError> errors) {
        if (json == null || json.isNull()) {
            return ALL;
        }
        if (!json.isObject()) {
            errors.add(new FieldError(pointer, "must be an object of field -> {operator: value}"));
            return ALL;
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            String at = pointer + "/" + pointerToken(field.getKey());
            if (!field.getValue().isObject() || field.getValue().isEmpty()) {
                errors.add(new FieldError(at, "must be an object of operators, e.g. {\"eq\": \"10\"} or {\"in\": [\"10\", \"11\"]}"));
                continue;
            }
            for (Map.Entry<String, JsonNode> entry : field.getValue().properties()) {
                Condition condition = condition(field.getKey(), entry.getKey(), entry.getValue(),
                        at + "/" + pointerToken(entry.getKey()), errors);
                if (condition != null) {
                    conditions.add(condition);
                }
            }
        }
        if (conditions.size() > MAX_CONDITIONS) {
            errors.add(new FieldError(pointer, "at most " + MAX_CONDITIONS + " conditions"));
        }
        return new RowFilter(conditions);
    }

    private static Condition condition(String field, String code, JsonNode value, String at, List<FieldError> errors) {
        Operator operator = Operator.ofCode(code);
        if (operator == null) {
            errors.add(new FieldError(at, "unknown operator; use eq, in, gt, gte, lt or lte"));
            return null;
        }
        if (operator == Operator.IN) {
            if (!value.isArray() || value.isEmpty() || value.size() > MAX_VALUES) {
                errors.add(new FieldError(at, "must be an array of 1 to " + MAX_VALUES + " values"));
                return null;
            }
            List<JsonNode> values = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                if (!scalar(value.get(i))) {
                    errors.add(new FieldError(at + "/" + i, NOT_A_SCALAR));
                    return null;
                }
                values.add(value.get(i));
            }
            return new Condition(field, operator, values);
        }
        boolean valid = operator.range() ? storableNumber(value) || value.isTextual() : scalar(value);
        if (!valid) {
            errors.add(new FieldError(at, operator.range()
                    ? "must be a number (at most " + NUMBER_LENGTH + ") or a date"
                    : NOT_A_SCALAR));
            return null;
        }
        return new Condition(field, operator, List.of(value));
    }

    /**
     * Checks the filter against a dataset: every field is declared by its schema, and every value fits the
     * field (its JSON type, its enum or pattern, a date for a date field); ranges only on numbers and dates.
     */
    public void checkAgainst(Dataset dataset, String pointer, List<FieldError> errors) {
        for (Condition condition : conditions) {
            String at = pointer + "/" + pointerToken(condition.field()) + "/" + condition.operator().code();
            JsonNode schema = dataset.fieldSchema(condition.field()).orElse(null);
            if (schema == null) {
                errors.add(new FieldError(pointer + "/" + pointerToken(condition.field()),
                        "dataset '" + dataset.id() + "' declares no field '" + condition.field() + "'"));
                continue;
            }
            FieldKind kind = FieldKind.of(schema);
            if (condition.operator().range() && kind != FieldKind.NUMBER && kind != FieldKind.DATE) {
                errors.add(new FieldError(at, "ranges apply to number and date fields; '" + condition.field() + "' is "
                        + kind.description));
                continue;
            }
            for (JsonNode value : condition.values()) {
                String problem = kind.refuse(schema, value);
                if (problem != null) {
                    errors.add(new FieldError(at, problem));
                }
            }
        }
    }

    /** A string, a boolean, or a number that a record could hold ({@link StrictJson#unstorable(JsonNode)}). */
    private static boolean scalar(JsonNode value) {
        return value.isTextual() || value.isBoolean() || storableNumber(value);
    }

    private static boolean storableNumber(JsonNode value) {
        return value.isNumber() && StrictJson.unstorable(value) == null;
    }

    /** A name as a token of a JSON pointer (RFC 6901: '~' and '/' escaped). */
    public static String pointerToken(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** Strings in the order of PostgreSQL's {@code COLLATE "C"} on UTF-8: by code point. */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** What a declared field holds, as far as filtering goes, read from its JSON Schema. */
    enum FieldKind {
        TEXT("text"), NUMBER("a number"), DATE("a date"), BOOLEAN("a boolean"), OTHER("not filterable");

        private final String description;

        FieldKind(String description) {
            this.description = description;
        }

        static FieldKind of(JsonNode schema) {
            Set<String> types = new LinkedHashSet<>();
            JsonNode type = schema.get("type");
            if (type != null && type.isTextual()) {
                types.add(type.asText());
            } else if (type != null && type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
            }
            types.remove("null");
            JsonNode enumeration = schema.get("enum");
            if (types.isEmpty() && enumeration != null && enumeration.isArray() && !enumeration.isEmpty()) {
                boolean texts = true;
                boolean numbers = true;
                for (JsonNode v : enumeration) {
                    texts &= v.isTextual() || v.isNull();
                    numbers &= v.isNumber() || v.isNull();
                }
                return texts ? TEXT : numbers ? NUMBER : OTHER;
            }
            if (types.equals(Set.of("string"))) {
                JsonNode format = schema.get("format");
                return format != null && "date".equals(format.asText()) ? DATE : TEXT;
            }
            if (!types.isEmpty() && Set.of("integer", "number").containsAll(types)) {
                return NUMBER;
            }
            return types.equals(Set.of("boolean")) ? BOOLEAN : OTHER;
        }

        /** Why {@code value} cannot be a value of a field of this kind, or null when it can. */
        String refuse(JsonNode schema, JsonNode value) {
            switch (this) {
                case TEXT -> {
                    if (!value.isTextual()) {
                        return "must be a string: the field holds text";
                    }
                    JsonNode enumeration = schema.get("enum");
                    if (enumeration != null && enumeration.isArray() && !contains(enumeration, value)) {
                        return "'" + value.asText() + "' is not one of " + enumeration;
                    }
                    JsonNode pattern = schema.get("pattern");
                    if (pattern != null && pattern.isTextual() && !matches(pattern.asText(), value.asText())) {
                        return "'" + value.asText() + "' does not match the field's pattern " + pattern.asText();
                    }
                    return null;
                }
                case NUMBER -> {
                    return value.isNumber() ? null : "must be a number: the field holds numbers";
                }
                case DATE -> {
                    if (!value.isTextual()) {
                        return "must be a date (YYYY-MM-DD)";
                    }
                    try {
                        LocalDate.parse(value.asText());
                        return null;
                    } catch (DateTimeParseException e) {
                        return "'" + value.asText() + "' is not a date (YYYY-MM-DD)";
                    }
                }
                case BOOLEAN -> {
                    return value.isBoolean() ? null : "must be true or false";
                }
                default -> {
                    return "the field is not filterable (objects, arrays and mixed types are not)";
                }
            }
        }

        private static boolean contains(JsonNode enumeration, JsonNode value) {
            for (JsonNode v : enumeration) {
                if (v.equals(value)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean matches(String pattern, String value) {
            try {
                return Pattern.compile(pattern).matcher(value).find();
            } catch (PatternSyntaxException e) {
                return true;
            }
        }
    }
}
