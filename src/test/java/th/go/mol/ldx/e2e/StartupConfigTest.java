package th.go.mol.ldx.e2e;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
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
        assertRefusesToStart("gateway-short-key", env -> env.put("LDX_PSEUDONYM_KEY", "too-short"), "ldx.pseudonym.key");
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
