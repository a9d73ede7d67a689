package th.go.mol.ldx.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** The change-event schema of the AsyncAPI contract (api-spec/schemas/change-event.schema.json). */
public final class ChangeEventSchema {

    private static final Schema SCHEMA = load();

    private ChangeEventSchema() {
    }

    public static List<String> violations(JsonNode event) {
        return SCHEMA.validate(event).stream().map(Error::toString).toList();
    }

    private static Schema load() {
        try (InputStream in = Files.newInputStream(Api.SPEC.resolve("schemas/change-event.schema.json"))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                            builder -> builder.schemaRegistryConfig(
                                    com.networknt.schema.SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()))
                    .getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
