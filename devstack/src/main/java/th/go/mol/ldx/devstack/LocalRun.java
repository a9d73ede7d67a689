package th.go.mol.ldx.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import th.go.mol.ldx.devstack.demo.DemoData;
import th.go.mol.ldx.devstack.demo.DemoSeeder;
import th.go.mol.ldx.devstack.demo.LdxApi;
import th.go.mol.ldx.devstack.demo.ReferenceData;

/**
 * {@code ./mvnw -Plocal}: LDX on this machine with its real servers and the demo loaded. Ctrl-C stops it all.
 * {@code -Dldx.demo.scale=10} loads ten times the demo records (through the API, so a few hundred per second).
 * {@code -Dldx.local.name=x -Dldx.local.free-ports=true} run a second one beside it (the tests do).
 */
public final class LocalRun {

    private LocalRun() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        System.out.println("Starting PostgreSQL, Kafka and Keycloak, then the LDX gateway...");
        String name = System.getProperty("ldx.local.name", "local");
        boolean freePorts = Boolean.getBoolean("ldx.local.free-ports");
        Devstack stack = Devstack.start(name, freePorts ? StackPorts.free() : StackPorts.documented());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping LDX and its servers...");
            stack.close();
        }));
        double ready = (System.nanoTime() - started) / 1e9;
        System.out.printf("Ready in %.1f s. Loading the demo through the API...%n", ready);
        LdxApi api = new LdxApi(stack.gateway().baseUrl(), stack.keycloak().tokenUrl());
        long seeding = System.nanoTime();
        double scale = Double.parseDouble(System.getProperty("ldx.demo.scale", "1"));
        int records = new DemoSeeder(api, new DemoData(new ReferenceData(), 2026)).seed(scale);
        System.out.printf("Demo loaded: 3 datasets, 5 grants, %,d records in %.1f s.%n", records,
                (System.nanoTime() - seeding) / 1e9);
        System.out.println(instructions(stack));
        System.out.println("Resident memory (MiB): " + residentMemory(stack));
        System.out.println("Logs: " + stack.dir() + "    Ctrl-C stops everything.");
        Thread.currentThread().join();
    }

    private static String instructions(Devstack stack) {
        String gateway = stack.gateway().baseUrl();
        return """

                LDX is running.
                  Gateway     %1$s      (Swagger UI: %1$s/q/swagger-ui, health: %1$s/q/health, metrics: %1$s/q/metrics)
                  Keycloak    %2$s      (admin console: user admin / admin)
                  Kafka       %3$s
                  PostgreSQL  %4$s      (user ldx / ldx)

                Demo clients (client-credentials grant, secret = <client id>-secret):
                  agency-nso   National Statistical Office   reads all three datasets (national IDs pseudonymised)
                  agency-rd    Revenue Department            reads sso-insured-persons (identified)
                  agency-dopa  Dept. of Provincial Admin.    reads doe-work-permits
                  dept-sso, dept-doe                         publish their datasets;  ldx-admin: catalog and grants

                Try it:
                  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=agency-nso -d client_secret=agency-nso-secret \\
                      %5$s | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" '%1$s/v1/datasets/sso-insured-persons/records?limit=2'

                Follow the changes of a dataset:
                  kcat -C -b %3$s -t ldx.dataset.doe-job-vacancies -o beginning -f 'key=%%k %%s\\n'
                """.formatted(gateway, stack.keycloak().baseUrl(), stack.kafka().bootstrapServers(),
                stack.postgres().jdbcUrl(), stack.keycloak().tokenUrl());
    }

    private static Map<String, Long> residentMemory(Devstack stack) {
        Map<String, Long> rss = new TreeMap<>();
        rss.put("gateway", withDescendants(stack.gateway().pid()));
        rss.put("kafka", withDescendants(stack.kafka().pid()));
        rss.put("keycloak", withDescendants(stack.keycloak().pid()));
        rss.put("postgres (all its processes, shared buffers counted in each)",
                stack.postgres().pids().map(LocalRun::rssMiB).sum());
        rss.put("this launcher", rssMiB(ProcessHandle.current().pid()));
        return rss;
    }

    private static long withDescendants(long pid) {
        return rssMiB(pid) + ProcessHandle.of(pid).stream().flatMap(ProcessHandle::descendants)
                .mapToLong(p -> rssMiB(p.pid())).sum();
    }

    private static long rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }
}
