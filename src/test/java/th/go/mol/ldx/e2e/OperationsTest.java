package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;

/** What operators look at: health of every dependency, Prometheus metrics, the OpenAPI document and Swagger UI. */
@ExtendWith(LdxStack.class)
class OperationsTest {

    @Test
    void healthReportsDatabaseKeycloakAndKafka() {
        Api.operations().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "OIDC Provider Health Check"));
        // The relay's check follows Kafka as it is now: other tests delete and recreate topics on the shared broker,
        // which can pause the relay for a moment, so this waits for it to be up rather than sampling once.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.operations().get("/q/health")
                .then().statusCode(200)
                .body("checks.name", hasItems("Database connections health check", "OIDC Provider Health Check",
                        "Kafka outbox relay")));
    }

    @Test
    void metricsCountPublishedEventsInPrometheusFormat() {
        double before = published();
        TestDataset dataset = TestDataset.create();
        dataset.put("M-1", TestDataset.record("M-1", 1));
        dataset.put("M-2", TestDataset.record("M-2", 2));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> published() >= before + 2);
        Api.operations().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"));
    }

    /** The relay's counter of published change events, as Prometheus scrapes it. */
    private static double published() {
        Matcher counter = Pattern.compile("(?m)^ldx_events_published_total(?:\\{[^}]*})? (\\S+)$")
                .matcher(Api.operations().get("/q/metrics").then().statusCode(200).extract().asString());
        if (!counter.find()) {
            throw new AssertionError("no ldx_events_published_total in /q/metrics");
        }
        return Double.parseDouble(counter.group(1));
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        Api.operations().get("/q/openapi").then().statusCode(200).body(containsString("/v1/datasets/{datasetId}/records"));
        Api.operations().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
