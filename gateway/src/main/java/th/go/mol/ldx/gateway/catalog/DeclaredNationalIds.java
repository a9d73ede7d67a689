package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.security.ThaiNationalId;

/**
 * A national ID reaches an agency as its pseudonym only where the catalog declares one: a national ID anywhere else
 * would be served in clear. So the schema and the declarations must agree (every place the schema gives the format
 * {@code th-national-id} is declared a national ID, or lies within one), each declaration names a place the schema
 * describes, and a record that holds a national ID (13 digits with a valid check digit, as text or as a number)
 * where none is declared is refused before it is stored.
 */
final class DeclaredNationalIds {

    /** Keywords whose values are schemas that describe the same place of the record as the schema holding them. */
    private static final Set<String> SAME_PLACE = Set.of("allOf", "anyOf", "oneOf", "if", "then", "else", "not");
    /** Keywords whose values are maps of schemas, by name or pattern. */
    private static final Set<String> MAPS = Set.of("$defs", "definitions", "patternProperties", "dependentSchemas");
    /** Keywords whose values are data, not schemas: a "format" member in them describes nothing. */
    private static final Set<String> DATA = Set.of("enum", "const", "examples", "default");

    private DeclaredNationalIds() {
    }

    /** What keeps a definition's declarations from covering its schema's national IDs, with pointers into it. */
    static List<FieldError> schemaErrors(DatasetDefinition definition) {
        List<FieldError> errors = new ArrayList<>();
        List<PersonalDataField> declarations = definition.personalDataFields();
        for (int i = 0; i < declarations.size(); i++) {
            PersonalDataField declaration = declarations.get(i);
            String pointer = "/personalDataFields/" + i + "/field";
            List<String> path = declaration.path();
            if (declaration.nested() && path.size() < 2) {
                errors.add(new FieldError(pointer, "a field of the record is named without a '/': \""
                        + path.get(0) + "\""));
            } else if (!described(definition.schema(), path)) {
                errors.add(new FieldError(pointer, "the schema describes no " + (declaration.nested()
                        ? "member '" + declaration.field() + "' (a path of objects through \"properties\")"
                        : "field '" + declaration.field() + "'")));
            }
        }
        List<List<String>> declared = nationalIds(declarations);
        for (int i = 0; i < declarations.size(); i++) {
            List<String> path = declarations.get(i).path();
            String pointer = "/personalDataFields/" + i + "/field";
            if (declarations.subList(0, i).stream().anyMatch(d -> d.path().equals(path))) {
                errors.add(new FieldError(pointer, "'" + declarations.get(i).field() + "' is declared twice"));
            } else if (declarations.get(i).category() == PersonalDataField.Category.NATIONAL_ID
                    && declared.stream().anyMatch(outer -> outer.size() < path.size()
                            && path.subList(0, outer.size()).equals(outer))) {
                // The outer one is shown as a pseudonym, or left out: a declaration within it could only contradict it.
                errors.add(new FieldError(pointer, "'" + declarations.get(i).field() + "' lies within a field "
                        + "declared a national ID, which covers it"));
            }
        }
        formats(definition.schema(), "/schema", new ArrayList<>(), true, declared, errors);
        return errors;
    }

    /**
     * Adds an error for each national ID the record holds where its dataset declares none, and for a key that is
     * one (keys travel in clear in paths, cursors and Kafka keys).
     */
    static void undeclaredIn(Dataset dataset, String key, ObjectNode data, List<FieldError> errors) {
        if (isNationalId(key)) {
            errors.add(new FieldError("/" + JsonPointer.token(dataset.keyField()), "the record key is a Thai national ID: keys "
                    + "travel in clear; key records by a registration number instead"));
        }
        List<List<String>> declared = nationalIds(dataset.personalDataFields());
        undeclared(data, new ArrayList<>(), declared, dataset.keyField(), errors);
    }

    private static void undeclared(JsonNode node, List<String> path, List<List<String>> declared, String keyField,
            List<FieldError> errors) {
        if (node.isObject() || node.isArray()) {
            if (declared.contains(path)) {
                return;
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    if (isNationalId(member.getKey())) {
                        errors.add(new FieldError(JsonPointer.of(path), "a member name is a Thai national ID: names are "
                                + "shown as they are; key such a map by a registration number, or make it an array"));
                        continue;
                    }
                    path.add(member.getKey());
                    undeclared(member.getValue(), path, declared, keyField, errors);
                    path.remove(path.size() - 1);
                }
            } else {
                for (int i = 0; i < node.size(); i++) {
                    path.add(Integer.toString(i));
                    undeclared(node.get(i), path, declared, keyField, errors);
                    path.remove(path.size() - 1);
                }
            }
            return;
        }
        boolean looksLikeOne = node.isTextual() ? isNationalId(node.textValue()) : node.isNumber() && isNationalId(node);
        if (looksLikeOne && !declared.contains(path) && !(path.size() == 1 && path.get(0).equals(keyField))) {
            errors.add(new FieldError(JsonPointer.of(path), "holds a Thai national ID (13 digits with a valid check digit) "
                    + "where the dataset declares none: it would reach agencies in clear; have '" + JsonPointer.of(path)
                    + "' declared a national ID (\"personalDataFields\") first"));
        }
    }

    /**
     * Whether the value a record holds at {@code place} holds a national ID anywhere (itself, a member name or a
     * value within it) that none of {@code declared} covers.
     */
    static boolean holdsUndeclared(JsonNode value, List<String> place, List<List<String>> declared) {
        List<FieldError> found = new ArrayList<>();
        undeclared(value, new ArrayList<>(place), declared, null, found);
        return !found.isEmpty();
    }

    /**
     * Whether a text is a national ID as people write them: 13 digits of any script (Thai ๐-๙, full-width, ASCII)
     * with a valid check digit, in groups separated by spaces or hyphens (1-1017-00203-45-1).
     */
    static boolean isNationalId(String text) {
        if (text.length() < 13 || text.length() > 40) {
            return false;
        }
        StringBuilder digits = new StringBuilder(13);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = Character.digit(c, 10);
            if (digit >= 0) {
                digits.append((char) ('0' + digit));
            } else if (c != ' ' && c != '-' && c != '\u00a0') {
                return false;
            }
        }
        return ThaiNationalId.isValid(digits.toString());
    }

    /** Whether a number is a national ID's 13 digits, however it is written ({@code 1.1017002034E12} included). */
    private static boolean isNationalId(JsonNode number) {
        BigDecimal value = number.decimalValue();
        if (value.signum() <= 0 || value.precision() - value.scale() != 13) {
            return false;
        }
        BigDecimal whole = value.stripTrailingZeros();
        return whole.scale() <= 0 && ThaiNationalId.isValid(whole.toBigInteger().toString());
    }

    /** The places declared national IDs, each as the member names from the record down to it. */
    private static List<List<String>> nationalIds(List<PersonalDataField> declarations) {
        return declarations.stream().filter(f -> f.category() == PersonalDataField.Category.NATIONAL_ID)
                .map(PersonalDataField::path).toList();
    }

    /** Whether the schema describes the member at {@code path} through "properties" from the record down. */
    private static boolean described(JsonNode schema, List<String> path) {
        JsonNode node = schema;
        for (String name : path) {
            node = node.path("properties").path(name);
            if (!node.isObject() && !node.isBoolean()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks a schema for the format {@code th-national-id}. {@code place} is the record's member it describes, as
     * far as it can be named: below an array's items, or additional or pattern properties, no declaration names
     * the member, so it must lie within a declared one.
     */
    private static void formats(JsonNode schema, String at, List<String> place, boolean named,
            List<List<String>> declared, List<FieldError> errors) {
        if (!schema.isObject()) {
            return;
        }
        if ("th-national-id".equals(schema.path("format").asText(null)) && !within(place, declared)) {
            errors.add(new FieldError(at + "/format", "describes a national ID "
                    + (named ? "at '" + JsonPointer.of(place) + "'" : "within '" + JsonPointer.of(place) + "'")
                    + " that no national-ID declaration covers: declare " + (named ? "it" : "the field that holds it")
                    + " (\"personalDataFields\"), so that agencies receive pseudonyms"));
        }
        for (Map.Entry<String, JsonNode> keyword : schema.properties()) {
            String name = keyword.getKey();
            JsonNode value = keyword.getValue();
            String below = at + "/" + JsonPointer.token(name);
            if (DATA.contains(name)) {
                continue;
            }
            if (name.equals("properties") && value.isObject()) {
                for (Map.Entry<String, JsonNode> property : value.properties()) {
                    List<String> inner = place;
                    if (named) {
                        inner = new ArrayList<>(place);
                        inner.add(property.getKey());
                    }
                    formats(property.getValue(), below + "/" + JsonPointer.token(property.getKey()), inner, named, declared,
                            errors);
                }
            } else if (MAPS.contains(name) && value.isObject()) {
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    formats(entry.getValue(), below + "/" + JsonPointer.token(entry.getKey()), place, false, declared, errors);
                }
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    formats(value.get(i), below + "/" + i, place, named && SAME_PLACE.contains(name), declared,
                            errors);
                }
            } else {
                formats(value, below, place, named && SAME_PLACE.contains(name), declared, errors);
            }
        }
    }

    /** Whether a national ID at {@code place} (or somewhere within it, when it cannot be named) is declared. */
    private static boolean within(List<String> place, List<List<String>> declared) {
        return declared.stream()
                .anyMatch(path -> path.size() <= place.size() && place.subList(0, path.size()).equals(path));
    }
}
