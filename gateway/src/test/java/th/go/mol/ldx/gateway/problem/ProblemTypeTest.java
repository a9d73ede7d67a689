package th.go.mol.ldx.gateway.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    /** Clients branch on {@code type}: the contract lists every type the gateway can answer, and no other. */
    @Test
    void theContractListsEveryProblemTypeAndNoOther() throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("../api-spec/openapi.yaml").toFile());
        Set<String> listed = new TreeSet<>();
        contract.at("/components/schemas/Problem/properties/type/enum").forEach(type -> listed.add(type.asText()));
        Set<String> answered = new TreeSet<>();
        Arrays.stream(ProblemType.values()).forEach(type -> answered.add(type.uri().toString()));

        assertEquals(answered, listed);
    }
}
