package th.go.mol.ldx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;

/**
 * api-spec/openapi.yaml names exactly the operations and query parameters the running gateway serves (each
 * response is checked against the same file by the filter in {@link Api}, in every test), and api-spec/asyncapi.yaml
 * names every topic the gateway writes for datasets and agencies, with the event schema the tests validate every
 * event against.
 */
@ExtendWith(LdxStack.class)
class ContractTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Test
    void contractAndRunningGatewayServeTheSameOperations() throws IOException {
        JsonNode contract = YAML.readTree(Api.SPEC.resolve("openapi.yaml").toFile());
        JsonNode served = YAML.readTree(Api.operations().get("/q/openapi").then().statusCode(200).extract().asString());

        assertEquals(operations(contract), operations(served));
    }

    /**
     * Each operation takes the query parameters and request headers the contract documents for it, and no other
     * (the gateway refuses a query parameter it does not take: problem.UnknownParameters).
     */
    @Test
    void contractAndRunningGatewayTakeTheSameParameters() throws IOException {
        JsonNode contract = YAML.readTree(Api.SPEC.resolve("openapi.yaml").toFile());
        JsonNode served = YAML.readTree(Api.operations().get("/q/openapi").then().statusCode(200).extract().asString());

        assertEquals(parameters(contract), parameters(served));
    }

    /**
     * Every successful answer the contract describes shows an example: in its media type, in its schema, or in the
     * schema of its items (the linter checks each example against its schema).
     */
    @Test
    void everySuccessfulAnswerOfTheContractShowsAnExample() throws IOException {
        JsonNode contract = YAML.readTree(Api.SPEC.resolve("openapi.yaml").toFile());
        List<String> without = new ArrayList<>();
        contract.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (!METHODS.contains(operation.getKey())) {
                return;
            }
            operation.getValue().path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")) {
                    resolved(contract, response.getValue()).path("content").fields().forEachRemaining(media -> {
                        if (!exemplified(contract, media.getValue())) {
                            without.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " "
                                    + response.getKey() + " " + media.getKey());
                        }
                    });
                }
            });
        }));

        assertEquals(List.of(), without, "successful answers without an example");
    }

    private static boolean exemplified(JsonNode contract, JsonNode media) {
        JsonNode schema = resolved(contract, media.path("schema"));
        JsonNode items = resolved(contract, schema.path("items"));
        return List.of(media, schema, items).stream().anyMatch(node -> node.has("example") || node.has("examples"));
    }

    private static JsonNode resolved(JsonNode contract, JsonNode node) {
        JsonNode at = node;
        while (at.has("$ref")) {
            at = contract.at(at.get("$ref").asText().substring(1));
        }
        return at;
    }

    @Test
    void everyDatasetAndAgencyTopicOnTheBrokerIsAChannelOfTheAsyncApiContract() throws Exception {
        JsonNode contract = YAML.readTree(Api.SPEC.resolve("asyncapi.yaml").toFile());
        List<Pattern> channels = new ArrayList<>();
        contract.get("channels").forEach(channel -> {
            channels.add(Pattern.compile(Pattern.quote(channel.get("address").asText())
                    .replaceAll("\\{[a-zA-Z]+}", "\\\\E[^.]+\\\\Q")));
            channel.get("messages").forEach(message -> {
                JsonNode payload = contract.at(message.get("$ref").asText().substring(1)).get("payload");
                if (payload.has("$ref")) {
                    assertEquals("./schemas/change-event.schema.json", payload.get("$ref").asText());
                }
            });
        });
        TestDataset dataset = TestDataset.create().grant("agency-rd", true);
        dataset.put("C-1", TestDataset.record("C-1", 1));
        Set<String> topics = Set.of();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LdxStack.stack().kafka().bootstrapServers()))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!topics.containsAll(List.of(dataset.topic(), "ldx.agency.agency-rd." + dataset.id()))) {
                assertTrue(System.nanoTime() < deadline, "the relay made no topics for the dataset and its grant");
                Thread.sleep(100);
                topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                        .filter(t -> t.startsWith("ldx.dataset.") || t.startsWith("ldx.agency.")).collect(Collectors.toSet());
            }
        }
        assertEquals(Set.of(), topics.stream().filter(t -> channels.stream().noneMatch(c -> c.matcher(t).matches()))
                .collect(Collectors.toSet()), "topics that no channel of asyncapi.yaml describes");
    }

    /**
     * "GET /path ?name" for every query parameter and "GET /path name:" for every header parameter (in lower case:
     * header names are case-insensitive) of every operation, {@code $ref}s followed.
     */
    private static Set<String> parameters(JsonNode document) {
        Set<String> parameters = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                List<JsonNode> declared = new ArrayList<>();
                path.getValue().path("parameters").forEach(declared::add);
                method.getValue().path("parameters").forEach(declared::add);
                declared.stream()
                        .map(p -> p.has("$ref") ? document.at(p.get("$ref").asText().substring(1)) : p)
                        .forEach(p -> {
                            String operation = method.getKey().toUpperCase() + " " + path.getKey() + " ";
                            String name = p.get("name").asText();
                            switch (p.path("in").asText()) {
                                case "query" -> parameters.add(operation + "?" + name);
                                case "header" -> parameters.add(operation + name.toLowerCase(Locale.ROOT) + ":");
                                default -> {
                                }
                            }
                        });
            }
        }));
        return parameters;
    }

    private static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                operations.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        return operations;
    }
}
