package th.go.mol.ldx.e2e.support;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import th.go.mol.ldx.devstack.KeycloakServer;
import th.go.mol.ldx.devstack.demo.LdxApi;

/** A Kafka consumer as an agency configures it: the agency listener, SASL/OAUTHBEARER with its Keycloak client. */
public final class AgencyKafka {

    private AgencyKafka() {
    }

    /** A consumer of a demo agency (its demo secret), without a consumer group: assign partitions to it. */
    public static KafkaConsumer<String, String> consumer(String clientId) {
        return consumer(new Tokens.Credentials(clientId, LdxApi.demoSecret(clientId)));
    }

    public static KafkaConsumer<String, String> consumer(Tokens.Credentials client) {
        return new KafkaConsumer<>(config(client), new StringDeserializer(), new StringDeserializer());
    }

    /** The consumer properties of a demo agency, as README shows them: add a group id named after the agency. */
    public static Map<String, Object> config(String clientId) {
        return config(new Tokens.Credentials(clientId, LdxApi.demoSecret(clientId)));
    }

    private static Map<String, Object> config(Tokens.Credentials client) {
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
}
