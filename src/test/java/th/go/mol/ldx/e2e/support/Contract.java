package th.go.mol.ldx.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * api-spec/openapi.yaml (OpenAPI 3.1) as a REST Assured filter: every response must be documented for its operation
 * (status, or its class such as 4XX, or default), carry every required header with a value its schema accepts,
 * and have a media type the response lists, with a body its schema accepts (each line, for a media type that
 * declares {@code x-line-schema}). Schemas are checked with the OpenAPI 3.1 dialect of JSON Schema 2020-12,
 * formats asserted, straight from the document, so its {@code $ref}s resolve as a reader of the file resolves them.
 * A request that matches no operation of the contract is a test's deliberate bad request, unless it succeeds: a
 * 2xx there is an undocumented operation.
 */
final class Contract implements Filter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TEMPLATE = Pattern.compile("\\{[^}/]+}");
    /** The schema of each line of a line-delimited body (NDJSON), which the body's own schema cannot say in 3.1. */
    private static final String LINE_SCHEMA = "x-line-schema";

    /** Where the registry finds the document: served from memory, so {@code $ref}s resolve within the file. */
    private static final String LOCATION = "https://ldx.mol.go.th/api-spec/openapi.yaml";

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private record Operation(String method, String template, Pattern path, String pointer) {
    }

    Contract(Path file) {
        String text;
        try {
            text = Files.readString(file);
            document = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder
                .schemas(Map.of(LOCATION, text))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(method)) {
                operations.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), pattern(path.getKey()),
                        "/paths/" + escape(path.getKey()) + "/" + method));
            }
        }));
        operations.sort(Comparator.comparingLong(o -> TEMPLATE.matcher(o.template()).results().count()));
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec,
                           FilterContext context) {
        Response response = context.next(request, responseSpec);
        // The contract's paths are written with ':' (records:batch), which a client may send encoded.
        String path = URI.create(request.getURI()).getRawPath().replaceAll("%3[Aa]", ":");
        String call = request.getMethod() + " " + path + " -> " + response.statusCode();
        List<String> violations = violations(request.getMethod(), path, response);
        if (!violations.isEmpty()) {
            throw new AssertionError("The answer to " + call + " disagrees with api-spec/openapi.yaml:\n  "
                    + String.join("\n  ", violations) + "\nbody: " + abbreviated(response.asString()));
        }
        return response;
    }

    private List<String> violations(String method, String path, Response response) {
        Optional<Operation> operation = operations.stream()
                .filter(o -> o.method().equals(method) && o.path().matcher(path).matches()).findFirst();
        if (operation.isEmpty()) {
            return response.statusCode() / 100 == 2
                    ? List.of("no operation of the contract is " + method + " " + path + ", yet it succeeded")
                    : List.of();
        }
        String operationPointer = operation.get().pointer();
        Optional<String> found = responsePointer(operationPointer + "/responses", response.statusCode());
        if (found.isEmpty()) {
            return List.of("status " + response.statusCode() + " is not documented for " + method + " "
                    + operation.get().template());
        }
        String pointer = found.get();
        List<String> violations = new ArrayList<>(headerViolations(pointer, response));
        violations.addAll(bodyViolations(pointer, response));
        return violations;
    }

    /** The response object for the status, its {@code $ref} followed. */
    private Optional<String> responsePointer(String responses, int status) {
        for (String key : List.of(String.valueOf(status), status / 100 + "XX", "default")) {
            if (document.at(responses).has(key)) {
                return Optional.of(followed(responses + "/" + escape(key)));
            }
        }
        return Optional.empty();
    }

    private String followed(String pointer) {
        JsonNode node = document.at(pointer);
        return node.has("$ref") ? node.get("$ref").asText().substring(1) : pointer;
    }

    private List<String> headerViolations(String responsePointer, Response response) {
        List<String> violations = new ArrayList<>();
        JsonNode headers = document.at(responsePointer + "/headers");
        for (Iterator<String> names = headers.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String pointer = followed(responsePointer + "/headers/" + escape(name));
            String value = response.header(name);
            if (value == null) {
                if (document.at(pointer).path("required").asBoolean()) {
                    violations.add("header " + name + " is required and missing");
                }
                continue;
            }
            JsonNode schema = document.at(pointer + "/schema");
            if (!schema.isMissingNode()) {
                JsonNode typed = JsonNodeFactory.instance.textNode(value);
                if (List.of("integer", "number", "boolean").contains(schema.path("type").asText())) {
                    try {
                        typed = JSON.readTree(value);
                    } catch (IOException e) {
                        violations.add("header " + name + " is not a " + schema.path("type").asText() + ": " + value);
                        continue;
                    }
                }
                validate(pointer + "/schema", typed).forEach(e -> violations.add("header " + name + ": " + e));
            }
        }
        return violations;
    }

    private List<String> bodyViolations(String responsePointer, Response response) {
        JsonNode content = document.at(responsePointer + "/content");
        byte[] body = response.asByteArray();
        if (content.isMissingNode() || content.isEmpty()) {
            return body.length == 0 ? List.of() : List.of("a body is sent where the contract documents none");
        }
        String contentType = response.contentType();
        if (contentType == null || contentType.isEmpty()) {
            return List.of("no Content-Type, the contract documents " + names(content));
        }
        String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            return List.of("Content-Type " + mediaType + " is not among " + names(content));
        }
        String media = responsePointer + "/content/" + escape(mediaType);
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            if (document.at(media).has(LINE_SCHEMA)) {
                List<String> violations = new ArrayList<>();
                String[] lines = text.split("\n");
                for (int i = 0; i < lines.length && violations.isEmpty(); i++) {
                    int line = i + 1;
                    validate(media + "/" + LINE_SCHEMA, JSON.readTree(lines[i]))
                            .forEach(e -> violations.add("line " + line + ": " + e));
                }
                return violations;
            }
            boolean json = mediaType.equals("application/json") || mediaType.endsWith("+json");
            if (json && document.at(media).has("schema")) {
                return validate(media + "/schema", JSON.readTree(text));
            }
        } catch (IOException e) {
            return List.of("the body is not " + mediaType + ": " + e.getMessage());
        }
        return List.of();
    }

    private List<String> validate(String pointer, JsonNode value) {
        Schema schema = schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(LOCATION + "#" + p)));
        return schema.validate(value).stream().map(Error::toString).toList();
    }

    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        int at = 0;
        for (var match : TEMPLATE.matcher(template).results().toList()) {
            regex.append(Pattern.quote(template.substring(at, match.start()))).append("[^/]+");
            at = match.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(at))).toString());
    }

    private static String names(JsonNode content) {
        List<String> names = new ArrayList<>();
        content.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviated(String body) {
        return body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
    }
}
