package th.go.mol.ldx.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The loopback ports of one stack. The local run uses fixed, documented ports; tests take free ones. Kafka has two
 * listeners: {@code kafka} for the gateway and operators, {@code kafkaAgency} for agencies with their Keycloak tokens.
 */
public record StackPorts(int gateway, int keycloak, int keycloakManagement, int kafka, int kafkaController,
        int kafkaAgency, int postgres) {

    public static StackPorts documented() {
        return new StackPorts(8080, 8180, 9180, 9092, 9093, 9094, 15432);
    }

    public static StackPorts free() {
        return new StackPorts(freePort(), freePort(), freePort(), freePort(), freePort(), freePort(), freePort());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
