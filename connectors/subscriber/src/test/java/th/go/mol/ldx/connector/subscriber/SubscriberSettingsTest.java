package th.go.mol.ldx.connector.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriberSettingsTest {

    @TempDir
    Path dir;

    @Test
    void valuesNamingEnvironmentVariablesAreExpandedAndOthersKeptAsWritten() throws IOException {
        Path file = Files.writeString(dir.resolve("s.properties"), """
                sasl.oauthbearer.client.credentials.client.secret=${LDX_CLIENT_SECRET}
                ldx.jdbc.url=jdbc:postgresql://${DB_HOST}:5432/${DB_HOST}
                group.id=agency-nso.replica-$1-{not}
                """);

        Properties settings = SubscriberSettings.load(file, Map.of("LDX_CLIENT_SECRET", "s3cr$t\\x", "DB_HOST", "db"));

        assertEquals("s3cr$t\\x", settings.getProperty("sasl.oauthbearer.client.credentials.client.secret"));
        assertEquals("jdbc:postgresql://db:5432/db", settings.getProperty("ldx.jdbc.url"));
        assertEquals("agency-nso.replica-$1-{not}", settings.getProperty("group.id"));
    }

    @Test
    void aVariableThatIsNotSetStopsTheStartNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("s.properties"), "secret=${LDX_CLIENT_SECRET}\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubscriberSettings.load(file, Map.of()));
        assertTrue(e.getMessage().contains("LDX_CLIENT_SECRET"), e.getMessage());
    }
}
