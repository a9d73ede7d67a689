package th.go.mol.ldx.gateway.credentials;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;

/**
 * Where the gateway manages credentials (Keycloak's Admin REST API, as its own service account) and how quickly
 * every replica learns that one was revoked.
 */
@ConfigMapping(prefix = "ldx.credentials")
public interface CredentialsConfig {

    /** Keycloak's base URL, without {@code /realms/...}. */
    @NotBlank
    String keycloakUrl();

    @WithDefault("ldx")
    @NotBlank
    String realm();

    /** The gateway's own client; its service account holds {@code manage-clients} and {@code view-clients}. */
    @WithDefault("ldx-gateway")
    @NotBlank
    String clientId();

    @NotBlank
    String clientSecret();

    /** The longest an admin call waits for Keycloak before answering 503. */
    @WithDefault("5s")
    Duration keycloakTimeout();

    /** The client scope agencies ask for on Kafka ({@code sasl.oauthbearer.scope}); made on first use. */
    @WithDefault("kafka")
    @NotBlank
    String kafkaScope();

    /**
     * The longest a replica goes without reloading its revocation view, should a notification be lost; a
     * notification normally brings a revocation within milliseconds.
     */
    @WithDefault("2s")
    Duration refreshInterval();

    /** How often a replica writes when each credential was last used. */
    @WithDefault("30s")
    Duration lastUseInterval();
}
