package th.go.mol.ldx.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.Tokens;

/**
 * A corpus of malformed requests generated from api-spec/openapi.yaml, for every operation it lists: bad path
 * parameters, bad query parameters and headers, bodies of the wrong JSON type member by member, without a required
 * member, with an unknown one, not JSON at all, of the wrong media type, and requests without or with a broken token.
 * Not one may answer 5xx, every 4xx must be problem+json with an LDX type, no write may succeed, and afterwards the
 * catalog, the purposes, the grants, the records and the registered organisations are as they were.
 */
@ExtendWith(LdxStack.class)
class MalformedRequestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Writes every non-ASCII character as an escape, so that a lone surrogate reaches the gateway as one. */
    private static final ObjectMapper ASCII = new ObjectMapper().enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final List<String> BAD_PATH_VALUES = List.of("%00", "%FF", "%E0%A4", "..%2F..%2Fetc", "x".repeat(300),
            "%27%3B%20DROP%20TABLE%20dataset%3B--", "-1", "UPPER-CASE", "a%20b", "%E0%B8%82%E0%B9%89%E0%B8%AD",
            "%7B%7D", "null", "0", "99999999999999999999", "%2e%2e", "%5Cx", "%3Cscript%3E", "%22", "x%0Ay", "%C0%AF",
            "%EF%BF%BF", "%F0%9F%98%80", "x%09y", "%25", "%2525", "1e999", "NaN", "-", "_", "a.b.c");
    private static final List<String> BAD_QUERY_VALUES = List.of("", "-1", "0", "abc", "1.5", "99999999999999999999",
            "{", "{\"x\":", "[]", "null", "%", "x".repeat(5000), "\u0E01\u0E02", "<script>", "1e9", "true");
    private static final List<String> BAD_HEADER_VALUES = List.of("", "x".repeat(4000), "\u0E01\u0E02\u0E03",
            "labour-statistics, tax-compliance", "../../etc", "null");

    private record Attempt(String label, String method, String path, Map<String, String> query,
            Map<String, String> headers, String token, String contentType, String body) {
    }

    @Test
    void aThousandMalformedRequestsAnswerProblemsAndWriteNothing() throws IOException {
        TestDataset dataset = TestDataset.create();
        dataset.put("K-1", TestDataset.record("K-1", 1));
        String grantId = dataset.grant("agency-nso", true).grantOf("agency-nso");
        JsonNode spec = YAML.readTree(Api.SPEC.resolve("openapi.yaml").toFile());
        String suffix = dataset.id().substring(4);
        Map<String, String> valid = Map.of("datasetId", dataset.id(), "key", "K-1", "grantId", grantId,
                "code", "e2e-corpus-" + suffix, "organisationId", "e2e-org-" + suffix,
                "clientId", LdxStack.stack().parties().of("agency-rd").clientId(), "name", "e2e-no-such-connector",
                "version", "1", "changeId", UUID.randomUUID().toString());
        Map<String, JsonNode> bodies = validBodies(dataset, valid.get("code"));
        String before = state(dataset, valid.get("code"));

        List<Attempt> attempts = corpus(spec, valid, bodies);
        assertTrue(attempts.size() >= 1000, "only " + attempts.size() + " malformed requests");
        List<String> failures = new ArrayList<>();
        for (Attempt attempt : attempts) {
            Response answer = send(attempt);
            String problem = problemOf(attempt, answer);
            if (problem != null) {
                failures.add(attempt.label() + ": " + problem);
            }
        }

        assertEquals(List.of(), failures, failures.size() + " of " + attempts.size() + " malformed requests misanswered");
        assertEquals(before, state(dataset, valid.get("code")), "a malformed request changed something");
    }

    /** What is wrong with an answer to a malformed request, or null. */
    private static String problemOf(Attempt attempt, Response answer) {
        int status = answer.statusCode();
        if (status >= 500) {
            return "answered " + status + " " + answer.asString();
        }
        boolean write = !attempt.method().equals("get");
        if (status < 400) {
            return write ? "a malformed write was accepted: " + status + " " + answer.asString() : null;
        }
        String type = answer.contentType();
        if (type == null || !type.startsWith("application/problem+json")) {
            return status + " as " + type + ": " + answer.asString();
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.asString());
        } catch (IOException e) {
            return status + " with a body that is not JSON: " + answer.asString();
        }
        if (!body.path("type").asText().startsWith("https://ldx.mol.go.th/problems/") || body.path("status").asInt() != status) {
            return status + " with a problem of another type or status: " + body;
        }
        return null;
    }

    private static Response send(Attempt attempt) {
        RequestSpecification request = given().baseUri(LdxStack.stack().gateway().baseUrl()).urlEncodingEnabled(false);
        if (attempt.token() != null) {
            request.header("Authorization", "Bearer " + attempt.token());
        }
        attempt.headers().forEach(request::header);
        attempt.query().forEach((name, value) -> request.queryParam(name, encode(value)));
        if (attempt.body() != null) {
            request.contentType(attempt.contentType()).body(attempt.body());
        }
        return request.request(attempt.method().toUpperCase(), attempt.path());
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<Attempt> corpus(JsonNode spec, Map<String, String> valid, Map<String, JsonNode> bodies) {
        List<Attempt> attempts = new ArrayList<>();
        spec.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (!METHODS.contains(operation.getKey())) {
                return;
            }
            String method = operation.getKey();
            List<JsonNode> parameters = new ArrayList<>();
            path.getValue().path("parameters").forEach(p -> parameters.add(resolve(spec, p)));
            operation.getValue().path("parameters").forEach(p -> parameters.add(resolve(spec, p)));
            JsonNode bodySchema = operation.getValue().at("/requestBody/content/application~1json/schema");
            String schemaName = bodySchema.isMissingNode() ? null
                    : bodySchema.path("$ref").asText().substring("#/components/schemas/".length());
            String validBody = schemaName == null ? null : bodies.get(schemaName).toString();
            String token = Tokens.of(caller(method, path.getKey()));
            String template = path.getKey();
            String validPath = fill(template, valid, null, null);
            // A write with a valid path and body would succeed: every write below is broken somewhere.
            String brokenBody = validBody == null ? null : "{\"unknownMember\": true}";
            Map<String, String> purpose = Map.of("LDX-Purpose", TestDataset.PURPOSE);

            for (JsonNode parameter : parameters) {
                String name = parameter.get("name").asText();
                switch (parameter.get("in").asText()) {
                    case "path" -> BAD_PATH_VALUES.forEach(bad -> attempts.add(new Attempt(method + " " + template
                            + " path " + name + "=" + abbreviate(bad), method, fill(template, valid, name, bad), Map.of(),
                            purpose, token, "application/json", brokenBody)));
                    case "query" -> BAD_QUERY_VALUES.forEach(bad -> attempts.add(new Attempt(method + " " + template
                            + " query " + name + "=" + abbreviate(bad), method, validPath, Map.of(name, bad), purpose,
                            token, "application/json", brokenBody)));
                    case "header" -> BAD_HEADER_VALUES.forEach(bad -> attempts.add(new Attempt(method + " " + template
                            + " header " + name + "=" + abbreviate(bad), method, validPath, Map.of(), Map.of(name, bad),
                            token, "application/json", brokenBody)));
                    default -> throw new AssertionError("parameter in " + parameter.get("in"));
                }
            }
            if (schemaName != null) {
                boolean optional = !operation.getValue().at("/requestBody/required").asBoolean(false);
                for (Map.Entry<String, String> body : brokenBodies(spec, schemaName, bodies.get(schemaName), optional)
                        .entrySet()) {
                    attempts.add(new Attempt(method + " " + template + " body " + body.getKey(), method, validPath,
                            Map.of(), purpose, token, "application/json", body.getValue()));
                }
                for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
                    attempts.add(new Attempt(method + " " + template + " as " + type, method, validPath, Map.of(),
                            purpose, token, type, validBody));
                }
            }
            attempts.add(new Attempt(method + " " + template + " without a token", method, validPath, Map.of(), purpose,
                    null, "application/json", validBody));
            attempts.add(new Attempt(method + " " + template + " with a broken token", method, validPath, Map.of(),
                    purpose, "abc.def.ghi", "application/json", validBody));
            attempts.add(new Attempt(method + " " + template + " with a forged token", method, validPath, Map.of(),
                    purpose, Tokens.tampered("agency-rd", "ldx-admin"), "application/json", validBody));
        }));
        return attempts;
    }

    /** The demo client whose role the operation needs, so that what is refused is the request, not the caller. */
    private static String caller(String method, String path) {
        if (path.startsWith("/v1/admin/") || path.startsWith("/v1/audit/") || path.matches("/v1/grants/\\{grantId}/.+")) {
            return "ldx-admin";
        }
        if (path.startsWith("/v1/grants") && method.equals("post")) {
            return "agency-nso";
        }
        return TestDataset.OWNER;
    }

    /** The valid body of each request schema, each member of which the corpus breaks in turn. */
    private static Map<String, JsonNode> validBodies(TestDataset dataset, String code) {
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("datasetId", dataset.id());
        grant.put("fields", List.of("amount"));
        grant.put("rows", Map.of("provinceCode", Map.of("in", List.of("10"))));
        grant.put("purposes", List.of(TestDataset.PURPOSE));
        grant.put("identified", false);
        grant.put("validFrom", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        grant.put("validUntil", Instant.now().plus(2, ChronoUnit.DAYS).toString());
        return Map.of(
                "RecordData", JSON.valueToTree(TestDataset.record("K-1", 2)),
                "BatchRequest", JSON.valueToTree(Map.of("changes", List.of(
                        Map.of("operation", "upsert", "data", TestDataset.record("K-1", 2))))),
                "DatasetDefinition", JSON.valueToTree(TestDataset.definition()),
                "PurposeDefinition", JSON.valueToTree(Map.of("title", Map.of("th", "ทดสอบ", "en", code),
                        "legalBasis", "legal-obligation", "legalReference", "e2e")),
                "GrantRequest", JSON.valueToTree(grant),
                "Decision", JSON.valueToTree(Map.of("reason", "e2e")),
                "CredentialRequest", JSON.valueToTree(Map.of("name", "corpus", "description", "e2e", "tier", "trial")),
                "GrantLimits", JSON.valueToTree(Map.of("perSecond", 1, "burst", 5, "recordsPerDay", 100)),
                "OrganisationRegistration", JSON.valueToTree(Map.of("kind", "agency",
                        "name", Map.of("th", "หน่วยงานทดสอบ", "en", "Test agency"),
                        "contact", Map.of("name", "Test desk", "email", "desk@example.go.th", "phone", "+66 2 000 0000"))));
    }

    /**
     * Bodies that break the schema: each member of the wrong JSON type (several ways), each required member missing
     * or null, an unknown member, and bodies that are not the object at all (an absent body only where it is required).
     */
    private static Map<String, String> brokenBodies(JsonNode spec, String schemaName, JsonNode valid, boolean optional) {
        Map<String, String> broken = new LinkedHashMap<>();
        JsonNode schema = spec.at("/components/schemas/" + schemaName);
        Set<String> required = new java.util.HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<String> names = valid.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            for (JsonNode wrong : wrongTypes(valid.get(name))) {
                ObjectNode body = valid.deepCopy();
                body.set(name, wrong);
                broken.put(name + " as " + abbreviate(wrong.toString()), ascii(body));
            }
            if (valid.get(name).isObject() && !"schema".equals(name)) {
                // One level down as well: the members of a member object (a title's languages, a filter's fields).
                for (Iterator<String> inner = valid.get(name).fieldNames(); inner.hasNext(); ) {
                    String member = inner.next();
                    for (JsonNode wrong : wrongTypes(valid.get(name).get(member))) {
                        ObjectNode body = valid.deepCopy();
                        ((ObjectNode) body.get(name)).set(member, wrong);
                        broken.put(name + "/" + member + " as " + abbreviate(wrong.toString()), ascii(body));
                    }
                }
            }
            if (required.contains(name) || "RecordData".equals(schemaName) && Set.of("id", "nationalId", "amount").contains(name)) {
                ObjectNode missing = valid.deepCopy();
                missing.remove(name);
                broken.put("without " + name, ascii(missing));
                ObjectNode nulled = valid.deepCopy();
                nulled.putNull(name);
                broken.put(name + " null", ascii(nulled));
            }
        }
        ObjectNode unknown = valid.deepCopy();
        unknown.put("unknownMember", 1);
        broken.put("with an unknown member", ascii(unknown));
        broken.put("not JSON", "{\"a\":");
        if (!optional) {
            // An optional body may be absent, and JSON null is no body: those two are valid requests.
            broken.put("empty", "");
            broken.put("null", "null");
        }
        broken.put("an array", "[" + valid + "]");
        broken.put("a number", "42");
        broken.put("a string", "\"x\"");
        broken.put("deeply nested", "[".repeat(5000) + "]".repeat(5000));
        return broken;
    }

    /**
     * Values of other JSON types than {@code value}'s; for a text, also the text with a NUL and with a lone
     * surrogate, which no LDX text may hold.
     */
    private static List<JsonNode> wrongTypes(JsonNode value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value.isTextual()) {
            return List.of(f.numberNode(123), f.booleanNode(true), f.arrayNode().add("x"), f.objectNode().put("x", 1),
                    f.textNode("\0" + value.textValue()), f.textNode((char) 0xD800 + value.textValue()));
        }
        List<JsonNode> all = List.of(f.numberNode(123), f.booleanNode(true), f.textNode("x"), f.arrayNode().add("x"),
                f.objectNode().put("x", 1), f.numberNode(-1.5));
        List<JsonNode> wrong = new ArrayList<>();
        for (JsonNode candidate : all) {
            if (candidate.getNodeType() != value.getNodeType()
                    && !(candidate.isNumber() && value.isNumber() && candidate.isIntegralNumber() == value.isIntegralNumber())) {
                wrong.add(candidate);
            }
        }
        if (value instanceof ArrayNode array && !array.isEmpty()) {
            ArrayNode wrongItems = f.arrayNode();
            array.forEach(item -> wrongItems.add(item.isTextual() ? f.numberNode(7) : f.textNode("7")));
            wrong.add(wrongItems);
        }
        return wrong;
    }

    private static String ascii(JsonNode body) {
        try {
            return ASCII.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode resolve(JsonNode spec, JsonNode parameter) {
        return parameter.has("$ref") ? spec.at(parameter.get("$ref").asText().substring(1)) : parameter;
    }

    private static String fill(String template, Map<String, String> valid, String broken, String value) {
        String path = template;
        for (Map.Entry<String, String> parameter : valid.entrySet()) {
            path = path.replace("{" + parameter.getKey() + "}",
                    parameter.getKey().equals(broken) ? value : parameter.getValue());
        }
        return path;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /**
     * What a malformed request must not change: the catalog, the purposes, the dataset's grants and records, the
     * organisations and every organisation's credentials (but when they were last used), the grant's limits.
     */
    private static String state(TestDataset dataset, String code) throws IOException {
        String datasets = Api.as("ldx-admin").get("/v1/datasets").then().statusCode(200).extract().asString();
        String purposes = Api.as("ldx-admin").get("/v1/purposes").then().statusCode(200).extract().asString();
        String grants = Api.as("ldx-admin").queryParam("datasetId", dataset.id()).get("/v1/grants").then()
                .statusCode(200).extract().asString();
        String records = Api.as(TestDataset.OWNER).get(dataset.recordsPath()).then().statusCode(200).extract().asString();
        String organisations = Api.as("ldx-admin").get("/v1/admin/organisations").then().statusCode(200).extract()
                .asString();
        List<String> credentials = new ArrayList<>();
        for (String organisation : JSON.readTree(organisations).findValuesAsText("id")) {
            Api.as("ldx-admin").get("/v1/admin/organisations/" + organisation + "/credentials").then().statusCode(200)
                    .extract().jsonPath().getList("", Map.class).forEach(credential -> {
                        credential.remove("lastUsedAt");
                        credentials.add(credential.toString());
                    });
        }
        Response limits = Api.as("ldx-admin").get("/v1/grants/" + dataset.grantOf("agency-nso") + "/limits");
        return String.join("\n", datasets, purposes, grants, records, organisations, String.join("\n", credentials),
                limits.statusCode() + " " + limits.asString(), code);
    }
}
