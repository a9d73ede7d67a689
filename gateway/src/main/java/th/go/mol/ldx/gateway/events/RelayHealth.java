package th.go.mol.ldx.gateway.events;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Kafka, as the relay sees it; a standby gateway (another one runs the relay) is healthy. A wellness check, not a readiness one: while Kafka is down the gateway still serves
 * reads and accepts writes (they wait in the outbox), so taking it out of the load balancer would only turn a
 * delay in publishing into an outage of the whole API.
 */
@Wellness
@ApplicationScoped
public class RelayHealth implements HealthCheck {

    private final OutboxRelay relay;
    private final KafkaSettings kafka;

    RelayHealth(OutboxRelay relay, KafkaSettings kafka) {
        this.relay = relay;
        this.kafka = kafka;
    }

    @Override
    public HealthCheckResponse call() {
        OutboxRelay.RelayStatus status = relay.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka outbox relay")
                .status(status.healthy())
                .withData("role", status.leader() ? "leader" : "standby")
                .withData("bootstrap.servers", kafka.bootstrapServers())
                .withData("pendingChanges", status.pendingChanges());
        if (status.lastProblem() != null) {
            response.withData("lastProblem", status.lastProblem());
        }
        return response.build();
    }
}
