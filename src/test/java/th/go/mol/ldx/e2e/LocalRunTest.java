package th.go.mol.ldx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What README's first command promises: LDX starts with the demo loaded, says how to call it, and stopping it
 * (Ctrl-C, or a TERM from a service manager) leaves nothing running. Run here on free ports with a small demo,
 * beside the stack of the other tests.
 */
class LocalRunTest {

    @Test
    void localRunStartsLoadsTheDemoAndStopsEveryServerItStarted() throws Exception {
        String runName = "local-run-test";
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dldx.local.name=" + runName, "-Dldx.local.free-ports=true", "-Dldx.demo.scale=0.01",
                "-cp", System.getProperty("java.class.path"), "th.go.mol.ldx.devstack.LocalRun")
                .redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        List<ProcessHandle> started;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains("Ctrl-C stops everything")) {
                output.add(line);
            }
            assertTrue(output.stream().anyMatch(l -> l.startsWith("Demo loaded: 6 organisations with a credential each, 3 datasets, 3 purposes, 5 grants and 1 pending request")), String.join("\n", output));
            assertTrue(output.stream().anyMatch(l -> l.contains("client_id=agency-nso")), "prints how to get a token");
            assertTrue(output.stream().anyMatch(l -> l.contains("LDX-Purpose: labour-statistics")), "prints how to state a purpose");
            started = serversOf(launcher, runName);
            assertTrue(started.size() >= 4, "gateway, Kafka, Keycloak and PostgreSQL: " + started);

            launcher.destroy();
            assertTrue(launcher.waitFor(90, TimeUnit.SECONDS), "the launcher stops");
        }

        for (ProcessHandle server : started) {
            server.onExit().get(30, TimeUnit.SECONDS);
        }
        assertEquals(List.of(), started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList());
    }

    /** The launcher's children, and PostgreSQL, which pg_ctl detaches from it, found by its data directory. */
    private static List<ProcessHandle> serversOf(Process launcher, String runName) {
        List<ProcessHandle> servers = new ArrayList<>(launcher.descendants().toList());
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("/run/" + runName + "/postgres"))
                .forEach(servers::add);
        return servers;
    }
}
