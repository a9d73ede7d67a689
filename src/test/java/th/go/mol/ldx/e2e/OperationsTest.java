package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

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
        Api.operations().get("/q/health")
                .then().statusCode(200)
                .body("checks.name", hasItems("Database connections health check", "OIDC Provider Health Check",
                        "Kafka outbox relay"));
    }

    @Test
    void metricsCountPublishedEventsInPrometheusFormat() {
        TestDataset dataset = TestDataset.create();
        dataset.put("M-1", TestDataset.record("M-1", 1));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                Api.operations().get("/q/metrics").then().statusCode(200)
                        .body(containsString("ldx_events_published_total"))
                        .body(containsString("http_server_requests_seconds_count")));
    }

    @Test
    void openApiDocumentAndSwaggerUiAreServed() {
        Api.operations().get("/q/openapi").then().statusCode(200).body(containsString("/v1/datasets/{datasetId}/records"));
        Api.operations().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
