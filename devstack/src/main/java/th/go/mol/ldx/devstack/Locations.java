package th.go.mol.ldx.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Where this checkout keeps the Keycloak distribution, the packaged gateway and the stacks' working directories. */
record Locations(Path keycloakDist, Path gatewayJar, Path runDir) {

    static Locations ofThisCheckout() {
        Properties p = new Properties();
        try (InputStream in = Locations.class.getResourceAsStream("/devstack.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Locations locations = new Locations(Path.of(p.getProperty("keycloak.dist")),
                Path.of(p.getProperty("gateway.jar")).normalize(), Path.of(p.getProperty("run.dir")));
        if (!Files.isRegularFile(locations.gatewayJar())) {
            throw new IllegalStateException("no packaged gateway at " + locations.gatewayJar()
                    + ": build it first (./mvnw package)");
        }
        return locations;
    }
}
