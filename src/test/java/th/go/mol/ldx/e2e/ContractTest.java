package th.go.mol.ldx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;

/**
 * api-spec/openapi.yaml names exactly the operations the running gateway serves. (Each response's shape is
 * checked against the same file by the filter in {@link Api}, in every test.)
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
