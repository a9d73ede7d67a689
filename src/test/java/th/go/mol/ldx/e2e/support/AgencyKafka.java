package th.go.mol.ldx.e2e.support;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import th.go.mol.ldx.devstack.KeycloakServer;
import th.go.mol.ldx.devstack.demo.DemoParties;

/** A Kafka consumer as an agency configures it: the agency listener, SASL/OAUTHBEARER with its Keycloak client. */
public final class AgencyKafka {

    private AgencyKafka() {
    }

    /** A consumer of a demo agency (its demo credential), without a consumer group: assign partitions to it. */
    public static KafkaConsumer<String, String> consumer(String agency) {
        return consumer(LdxStack.stack().parties().of(agency));
    }

    public static KafkaConsumer<String, String> consumer(DemoParties.Credential client) {
        return new KafkaConsumer<>(config(client), new StringDeserializer(), new StringDeserializer());
    }

    /** The consumer properties of a demo agency, as README shows them: add a group id named after the agency. */
    public static Map<String, Object> config(String agency) {
        return config(LdxStack.stack().parties().of(agency));
    }

    private static Map<String, Object> config(DemoParties.Credential client) {
        String tokenUrl = LdxStack.stack().keycloak().tokenUrl();
        // The Kafka client fetches tokens only from URLs it is told it may call.
        System.setProperty("org.apache.kafka.sasl.oauthbearer.allowed.urls", tokenUrl);
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LdxStack.stack().kafka().agencyBootstrapServers());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "OAUTHBEARER");
        config.put("sasl.login.callback.handler.class",
                "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required ;");
        config.put("sasl.oauthbearer.token.endpoint.url", tokenUrl);
        config.put("sasl.oauthbearer.client.credentials.client.id", client.clientId());
        config.put("sasl.oauthbearer.client.credentials.client.secret", client.secret());
        config.put("sasl.oauthbearer.scope", KeycloakServer.KAFKA_SCOPE);
        return config;
    }

    /** The broker refuses the consumer within the wait. Closing a refused consumer may report the refusal again. */
    public static void assertRefused(KafkaConsumer<String, String> consumer, Duration wait) {
        try {
            assertThrows(TopicAuthorizationException.class, () -> pollUntilRefused(consumer, wait));
        } finally {
            try {
                consumer.close();
            } catch (KafkaException e) {
                // the refusal asserted above, reported once more by the consumer's last metadata request
            }
        }
    }

    /** Polls until the broker refuses (the exception the test expects), or fails after the wait. */
    public static void pollUntilRefused(KafkaConsumer<String, String> consumer, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200));
        }
        throw new AssertionError("the broker did not refuse within " + wait);
    }

    /** Polls until the first message arrives; the ACL may take a moment to follow the grant. */
    public static List<String> readFirst(KafkaConsumer<String, String> consumer, Duration wait) throws InterruptedException {
        List<String> received = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (received.isEmpty() && System.nanoTime() < deadline) {
            try {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.value()));
            } catch (TopicAuthorizationException e) {
                Thread.sleep(200);
            }
        }
        return received;
    }
}
