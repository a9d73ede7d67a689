package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import th.go.mol.ldx.gateway.problem.Problem;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;
import th.go.mol.ldx.gateway.problem.StrictJson;

/**
 * Checks record bodies against their dataset's JSON Schema (draft 2020-12, formats asserted, with LDX's
 * {@link FieldFormat}s), and dataset schemas against the meta-schema. Every path that writes records calls it.
 */
@ApplicationScoped
public class RecordValidator {

    private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            Dialect.builder(Dialects.getDraft202012()).formats(List.of(FieldFormat.values())).format(new FullDate())
                    .build(),
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Schema metaSchema = registry.getSchema(SchemaLocation.of(META_SCHEMA));
    /** Compiled schemas by dataset, recompiled when the catalog entry changes. */
    private final Map<String, CompiledSchema> compiled = new ConcurrentHashMap<>();

    private record CompiledSchema(Instant catalogVersion, Schema schema) {
    }

    /**
     * A definition LDX can serve: its schema is a JSON Schema, and its record key is no national ID (keys travel in
     * paths, page cursors and Kafka keys, where no pseudonym can replace them).
     */
    public void requireUsable(DatasetDefinition definition) {
        List<Error> errors = metaSchema.validate(definition.schema());
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "'schema' is not a JSON Schema (draft 2020-12).",
                    fieldErrors("/schema", errors));
        }
        List<Problem.FieldError> undeclared = DeclaredNationalIds.schemaErrors(definition);
        if (!undeclared.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "The schema and the personal-data declarations "
                    + "disagree: every national ID the schema describes is declared one, where it is.", undeclared);
        }
        boolean keyIsNationalId = definition.personalDataFields().stream().anyMatch(
                f -> f.category() == PersonalDataField.Category.NATIONAL_ID && f.topField().equals(definition.keyField()));
        if (keyIsNationalId) {
            throw new ProblemException(ProblemType.INVALID_DATASET, "The record key cannot be a national ID.",
                    List.of(new Problem.FieldError("/keyField", "keys travel in paths, cursors and Kafka keys, where no "
                            + "pseudonym replaces them; key records by a registration number instead")));
        }
        if (definition.statistics() != null) {
            List<Problem.FieldError> unusable = statisticsErrors(definition);
            if (!unusable.isEmpty()) {
                throw new ProblemException(ProblemType.INVALID_DATASET,
                        "'statistics' names fields that cannot be counted by or summed.", unusable);
            }
        }
    }

    /**
     * Dimensions are declared fields other than the key and the identifying personal data (national IDs, names,
     * birth dates, contacts: a count by them is a count of persons one by one); measures are declared numbers.
     */
    private static List<Problem.FieldError> statisticsErrors(DatasetDefinition definition) {
        List<Problem.FieldError> errors = new ArrayList<>();
        JsonNode properties = definition.schema().path("properties");
        List<String> identifying = definition.personalDataFields().stream()
                .filter(f -> f.category() != PersonalDataField.Category.OTHER).map(PersonalDataField::topField).toList();
        List<String> dimensions = definition.statistics().dimensions();
        for (int i = 0; i < dimensions.size(); i++) {
            String field = dimensions.get(i);
            String pointer = "/statistics/dimensions/" + i;
            if (!properties.has(field)) {
                errors.add(new Problem.FieldError(pointer, "the schema declares no field '" + field + "'"));
            } else if (field.equals(definition.keyField()) || identifying.contains(field)) {
                errors.add(new Problem.FieldError(pointer, "'" + field + "' identifies records or persons; "
                        + "a count by it would be a count of one"));
            }
        }
        List<String> measures = definition.statistics().measures();
        for (int i = 0; i < measures.size(); i++) {
            String field = measures.get(i);
            JsonNode type = properties.path(field).path("type");
            if (!properties.has(field)) {
                errors.add(new Problem.FieldError("/statistics/measures/" + i,
                        "the schema declares no field '" + field + "'"));
            } else if (!"integer".equals(type.asText()) && !"number".equals(type.asText())) {
                errors.add(new Problem.FieldError("/statistics/measures/" + i,
                        "'" + field + "' is not declared a number (\"type\": \"integer\" or \"number\")"));
            }
        }
        return errors;
    }

    /** Refuses a record that cannot be stored as it is: malformed text first, then what the schema does not allow. */
    public void requireValid(Dataset dataset, String key, ObjectNode data) {
        List<Problem.FieldError> malformed = new ArrayList<>();
        unstorableValues(data, malformed);
        if (!malformed.isEmpty()) {
            // Malformed like any body with such a value (StrictJson), whatever the dataset's schema says.
            throw new ProblemException(ProblemType.MALFORMED_REQUEST, "The record holds values that cannot be stored.",
                    malformed);
        }
        List<Problem.FieldError> invalid = violations(dataset, key, data);
        if (!invalid.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_RECORD,
                    "The record does not match the schema of dataset '" + dataset.id() + "'.", invalid);
        }
    }

    /**
     * Everything that keeps a record from being stored under a key, each with a JSON pointer into the record: a key
     * field that differs from the key, text or numbers PostgreSQL cannot hold, and the schema's violations. Empty
     * when it may be.
     */
    public List<Problem.FieldError> violations(Dataset dataset, String key, ObjectNode data) {
        List<Problem.FieldError> violations = new ArrayList<>();
        JsonNode keyValue = data.get(dataset.keyField());
        if (keyValue != null && !keyValue.asText().equals(key)) {
            violations.add(new Problem.FieldError("/" + JsonPointer.token(dataset.keyField()), "must equal the record's key"));
        }
        int before = violations.size();
        unstorableValues(data, violations);
        if (violations.size() > before) {
            // The schema is not checked against such values: a multipleOf on 1e100000 divides for seconds.
            return violations;
        }
        violations.addAll(fieldErrors("", schemaOf(dataset).validate(data)));
        DeclaredNationalIds.undeclaredIn(dataset, key, data, violations);
        return violations;
    }

    /**
     * Texts, member names among them, with a NUL or an unpaired UTF-16 surrogate, which PostgreSQL would refuse or
     * store as "?", and numbers too long written out in full ({@link StrictJson#unstorable(JsonNode)}). The walk keeps
     * the path as tokens and writes a pointer only for a fault: most records hold none.
     */
    private static void unstorableValues(ObjectNode data, List<Problem.FieldError> errors) {
        unstorableValues(data, new ArrayDeque<>(), errors);
    }

    private static void unstorableValues(JsonNode node, Deque<String> path, List<Problem.FieldError> errors) {
        if (node.isTextual() || node.isNumber()) {
            String fault = node.isTextual() ? StrictJson.unstorable(node.textValue()) : StrictJson.unstorable(node);
            if (fault != null) {
                errors.add(new Problem.FieldError(pointer(path), fault));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext(); ) {
                Map.Entry<String, JsonNode> member = members.next();
                String nameFault = StrictJson.unstorable(member.getKey());
                if (nameFault != null) {
                    // The pointer stops at the object: a pointer holding the name could not be written as UTF-8.
                    errors.add(new Problem.FieldError(pointer(path), "a member name " + nameFault));
                } else {
                    path.addLast(JsonPointer.token(member.getKey()));
                    unstorableValues(member.getValue(), path, errors);
                    path.removeLast();
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.addLast(Integer.toString(i));
                unstorableValues(node.get(i), path, errors);
                path.removeLast();
            }
        }
    }

    /** Path tokens as a JSON pointer (RFC 6901): "" for the record itself. */
    private static String pointer(Deque<String> path) {
        return path.isEmpty() ? "" : "/" + String.join("/", path);
    }

    private Schema schemaOf(Dataset dataset) {
        CompiledSchema current = compiled.get(dataset.id());
        if (current == null || !current.catalogVersion().equals(dataset.updatedAt())) {
            current = new CompiledSchema(dataset.updatedAt(), registry.getSchema(dataset.schema()));
            compiled.put(dataset.id(), current);
        }
        return current.schema();
    }

    private static List<Problem.FieldError> fieldErrors(String prefix, List<Error> errors) {
        return errors.stream()
                .map(e -> new Problem.FieldError(prefix + pointer(e.getInstanceLocation().toString()), message(e)))
                .toList();
    }

    /** The validator's message, or for LDX's formats a reason a data owner understands. */
    private static String message(Error error) {
        if ("format".equals(error.getKeyword()) && error.getSchemaNode() != null && error.getSchemaNode().isTextual()) {
            return FieldFormat.named(error.getSchemaNode().textValue()).map(FieldFormat::reason)
                    .orElse(error.getMessage());
        }
        return error.getMessage();
    }


    /** "$.address.province" or "$[2]" -> "/address/province", "/2" (a JSON pointer, as RFC 9457 examples use). */
    private static String pointer(String path) {
        String rest = path.startsWith("$") ? path.substring(1) : path;
        return rest.replace("[", ".").replace("]", "").replace('.', '/');
    }
}
