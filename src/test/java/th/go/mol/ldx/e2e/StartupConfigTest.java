package th.go.mol.ldx.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.GatewayServer;
import th.go.mol.ldx.e2e.support.LdxStack;

/**
 * A gateway started with a wrong or missing setting refuses to start and names it, rather than starting into a
 * state where every read fails (a short pseudonym key) or where topics silently get one replica (no replication
 * factor in production).
 */
@ExtendWith(LdxStack.class)
class StartupConfigTest {

    @Test
    void aMissingReplicationFactorStopsAProductionGatewayAtStart() throws Exception {
        assertRefusesToStart("gateway-no-replication-factor", env -> env.remove("LDX_KAFKA_REPLICATION_FACTOR"),
                "LDX_KAFKA_REPLICATION_FACTOR");
    }

    @Test
    void aPseudonymKeyTooShortToBeSafeStopsTheGatewayAtStart() throws Exception {
        assertRefusesToStart("gateway-short-key", env -> {
            env.remove("LDX_PSEUDONYM_KEY_FILE");
            env.put("LDX_PSEUDONYM_KEY", "too-short");
        }, "ldx.pseudonym.key");
    }

    /** The example a manifest ships with, or a secret anyone could guess, never protects production's pseudonyms. */
    @Test
    void aPlaceholderOrGuessablePseudonymKeyStopsTheGatewayAtStart() throws Exception {
        assertRefusesToStart("gateway-placeholder-key", env -> {
            env.remove("LDX_PSEUDONYM_KEY_FILE");
            env.put("LDX_PSEUDONYM_KEY", "change-me-to-48-random-bytes-base64-encoded-000000");
        }, "the mark of a placeholder");
        Path repeated = Files.createTempFile("ldx-pseudonym-key", "");
        Files.writeString(repeated, "0123456789abcdef".repeat(4) + "\n");
        assertRefusesToStart("gateway-repeated-key", env -> env.put("LDX_PSEUDONYM_KEY_FILE", repeated.toString()),
                "a short block repeated");
    }

    @Test
    void aPseudonymKeyGivenTwiceStopsTheGatewayAtStart() throws Exception {
        assertRefusesToStart("gateway-two-keys", env -> env.put("LDX_PSEUDONYM_KEY",
                Base64.getEncoder().encodeToString(LdxStack.stack().pseudonymSecret())),
                "give the master secret once");
    }

    @Test
    void aReplicationFactorOfZeroStopsTheGatewayAtStart() throws Exception {
        assertRefusesToStart("gateway-zero-replicas", env -> env.put("LDX_KAFKA_REPLICATION_FACTOR", "0"),
                "ldx.events.replication-factor");
    }

    @Test
    void aGrantCacheThatWouldOutliveARevocationsFiveSecondsStopsTheGatewayAtStart() throws Exception {
        assertRefusesToStart("gateway-long-grant-cache", env -> env.put("LDX_GRANTS_CACHE_TTL", "10s"),
                "ldx.grants.cache-ttl");
    }

    private static void assertRefusesToStart(String name, Consumer<Map<String, String>> change, String named)
            throws Exception {
        try (GatewayServer gateway = LdxStack.stack().unstartedGateway(name, change)) {
            assertThrows(IllegalStateException.class, gateway::start, "the gateway started");
            String log = Files.readString(gateway.log());
            assertTrue(log.contains(named), "the start-up failure names " + named + ":\n" + log);
        }
    }
}
