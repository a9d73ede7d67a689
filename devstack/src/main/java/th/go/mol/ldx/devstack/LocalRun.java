package th.go.mol.ldx.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import th.go.mol.ldx.devstack.bench.AgencyTopicsBench;
import th.go.mol.ldx.devstack.bench.PublishingBench;
import th.go.mol.ldx.devstack.bench.ReadsBench;
import th.go.mol.ldx.devstack.demo.BulkLoad;
import th.go.mol.ldx.devstack.demo.DemoData;
import th.go.mol.ldx.devstack.demo.DemoDataset;
import th.go.mol.ldx.devstack.demo.DemoGrant;
import th.go.mol.ldx.devstack.demo.DemoOrganisation;
import th.go.mol.ldx.devstack.demo.DemoParties;
import th.go.mol.ldx.devstack.demo.DemoPurpose;
import th.go.mol.ldx.devstack.demo.DemoSeeder;
import th.go.mol.ldx.devstack.demo.LdxApi;
import th.go.mol.ldx.devstack.demo.ReferenceData;

/**
 * {@code ./mvnw -Plocal}: LDX on this machine with its real servers and the demo loaded. Ctrl-C stops it all.
 * {@code -Dldx.demo.scale=10} loads ten times the demo records (through the API, so a few hundred per second).
 * {@code -Dldx.demo.bulk=1000000} then grows sso-insured-persons to a million records with COPY, for benchmarks;
 * {@code -Dldx.demo.small-copy=10000} adds a copy of it with that many records, granted alike (bench/read-api.sh).
 * {@code -Dldx.local.unguarded=true} also starts a gateway without audit and limits (or {@code =audit}, {@code =limits}:
 * without that one), for bench/record-reads.sh.
 * {@code -Dldx.bench=agency-topics} (or {@code publishing}) then runs that benchmark, prints its figures and stops.
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
        int records = new DemoSeeder(api, new DemoData(new ReferenceData(), 2026), stack.parties()).seed(scale);
        long approved = DemoGrant.all().stream().filter(g -> g.approver() != null).count();
        System.out.printf("Demo loaded: %d organisations with a credential each, %d datasets, %d purposes, %d grants and "
                        + "%d pending request, %,d records in %.1f s.%n", DemoOrganisation.all().size(), DemoDataset.values().length,
                DemoPurpose.all().size(), approved, DemoGrant.all().size() - approved, records,
                (System.nanoTime() - seeding) / 1e9);
        int bulk = Integer.getInteger("ldx.demo.bulk", 0);
        int seeded = (int) Math.ceil(DemoDataset.SSO_INSURED_PERSONS.demoSize() * scale);
        if (bulk > seeded) {
            bulkLoad(stack, seeded + 1, bulk);
        }
        int small = Integer.getInteger("ldx.demo.small-copy", 0);
        if (small > 0) {
            try {
                ReadsBench.prepareSmallCopy(stack, small);
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("preparing the small copy failed", e);
            }
        }
        String bench = System.getProperty("ldx.bench", "none");
        if (!"none".equals(bench)) {
            int status = 0;
            try {
                if ("agency-topics".equals(bench)) {
                    AgencyTopicsBench.run(stack, Integer.getInteger("ldx.bench.agencies", 10),
                            Integer.getInteger("ldx.bench.burst", 50_000), Integer.getInteger("ldx.bench.rate", 1000),
                            Integer.getInteger("ldx.bench.seconds", 20));
                } else if ("publishing".equals(bench)) {
                    PublishingBench.run(stack, Integer.getInteger("ldx.bench.producer-records", 500_000),
                            Integer.getInteger("ldx.bench.batch-changes", 200_000),
                            Integer.getInteger("ldx.bench.batch-size", 5_000),
                            Integer.getInteger("ldx.bench.batch-clients", 2),
                            Integer.getInteger("ldx.bench.rounds", 1),
                            Integer.getInteger("ldx.bench.legacy-rows", 1_000_000),
                            Integer.getInteger("ldx.bench.workbook-rows", 100_000));
                } else {
                    throw new IllegalArgumentException("no benchmark named " + bench);
                }
            } catch (Exception e) {
                e.printStackTrace();
                status = 1;
            }
            System.exit(status);
        }
        String unguard = System.getProperty("ldx.local.unguarded", "");
        if (!unguard.isBlank() && !"false".equals(unguard)) {
            // The same gateway without audit and limits (or only those named: "audit", "limits"), beside the real
            // one, so that a benchmark measures what they cost in one run. Never part of the demo.
            Set<String> off = "true".equals(unguard) ? Set.of("audit", "limits") : Set.of(unguard.split(","));
            GatewayServer unguarded = stack.unstartedGateway("gateway-unguarded", env -> off.forEach(
                    guard -> env.put("LDX_" + guard.strip().toUpperCase(Locale.ROOT) + "_ENABLED", "false")));
            unguarded.start();
            Runtime.getRuntime().addShutdownHook(new Thread(unguarded::close));
            System.out.println("Unguarded gateway (" + String.join(" and ", off) + " off, for benchmarks only): "
                    + unguarded.baseUrl());
        }
        System.out.println(instructions(stack));
        System.out.println("Resident memory (MiB): " + residentMemory(stack));
        System.out.println("Logs: " + stack.dir() + "    Ctrl-C stops everything.");
        Thread.currentThread().join();
    }

    /** Benchmarks at national scale: the demo generator streamed into PostgreSQL, past the API and the change log. */
    private static void bulkLoad(Devstack stack, int first, int last) {
        long started = System.nanoTime();
        try (Connection c = DriverManager.getConnection(stack.postgres().jdbcUrl(), PostgresServer.USER,
                PostgresServer.PASSWORD)) {
            long rows = BulkLoad.load(c, DemoDataset.SSO_INSURED_PERSONS, new DemoData(new ReferenceData(), 2026), first, last);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("Bulk load: %,d more records of sso-insured-persons in %.1f s (%,.0f records/s).%n", rows,
                    seconds, rows / seconds);
        } catch (SQLException e) {
            throw new IllegalStateException("bulk load failed", e);
        }
    }

    private static String instructions(Devstack stack) {
        String gateway = stack.gateway().baseUrl();
        DemoParties.Credential nso = stack.parties().of("agency-nso");
        return """

                LDX is running.
                  Gateway     %1$s      (Swagger UI: %1$s/q/swagger-ui, health: %1$s/q/health, metrics: %1$s/q/metrics)
                  Keycloak    %2$s      (admin console: user admin / admin)
                  Kafka       %3$s      (gateway and operators; agencies: %6$s with SASL/OAUTHBEARER)
                  PostgreSQL  %4$s      (user ldx / ldx)

                Demo organisations, each with one credential issued through the admin API (client-credentials grant;
                client ids and secrets below and in %7$s):
                  agency-nso   National Statistical Office   all three datasets, no names, pseudonymised (labour-statistics)
                  agency-rd    Revenue Department            sso-insured-persons: IDs, names, wages, identified (tax-compliance)
                  agency-dopa  Dept. of Provincial Admin.    doe-work-permits in Bangkok and vicinity (civil-registration);
                                                             its request for sso-insured-persons waits for dept-sso
                  dept-sso, dept-doe                         publish their datasets, decide grants on them
                  ldx-admin                                  catalog, purposes, grants, credentials, the audit trail
                %8$s
                Limits: agency-nso and agency-dopa are in the bulk tier; agency-rd in the standard one (200 requests/s
                with a burst of 400, 10 million records a day); over them, 429 with Retry-After and RateLimit fields.

                Try it:
                  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=%9$s -d client_secret=%10$s \\
                      %5$s | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                  curl -s -H "Authorization: Bearer $TOKEN" %1$s/v1/me
                  curl -s -H "Authorization: Bearer $TOKEN" -H 'LDX-Purpose: labour-statistics' \\
                      '%1$s/v1/datasets/sso-insured-persons/records?limit=2'

                What agency-nso receives on Kafka (its grant's fields, pseudonyms), as an operator sees it:
                  kcat -C -b %3$s -t ldx.agency.agency-nso.doe-job-vacancies -o beginning -f 'key=%%k %%s\\n'
                """.formatted(gateway, stack.keycloak().baseUrl(), stack.kafka().bootstrapServers(),
                stack.postgres().jdbcUrl(), stack.keycloak().tokenUrl(), stack.kafka().agencyBootstrapServers(),
                stack.dir().resolve(Devstack.DEMO_CREDENTIALS), credentials(stack.parties()), nso.clientId(), nso.secret());
    }

    private static String credentials(DemoParties parties) {
        return DemoOrganisation.all().stream().map(organisation -> parties.of(organisation.id()))
                .map(credential -> String.format("  %-18s secret %s", credential.clientId(), credential.secret()))
                .collect(Collectors.joining("\n"));
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
