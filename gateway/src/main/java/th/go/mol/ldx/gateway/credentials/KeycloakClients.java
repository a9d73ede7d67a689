package th.go.mol.ldx.gateway.credentials;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ContextResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * The credentials as Keycloak holds them: one confidential client each, for the client-credentials grant, made and
 * changed through Keycloak's Admin REST API as the gateway's own service account. Every failure to reach Keycloak,
 * or a refusal of the gateway's account, is a 503 {@code identity-provider-unavailable}: the caller's request was
 * right, the identity provider is not. A call that timed out may still be carried out by Keycloak later; each call
 * is safe to repeat (see {@link #create}), so the administrator's retry brings both sides together.
 */
@ApplicationScoped
public class KeycloakClients {

    /** The client attribute naming the organisation a credential belongs to, for Keycloak's console. */
    static final String ORGANISATION_ATTRIBUTE = "ldx.organisation";

    private final CredentialsConfig config;
    private final Keycloak keycloak;

    KeycloakClients(CredentialsConfig config) {
        this.config = config;
        long timeout = config.keycloakTimeout().toMillis();
        this.keycloak = KeycloakBuilder.builder()
                .serverUrl(config.keycloakUrl())
                .realm(config.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(config.clientId())
                .clientSecret(config.clientSecret())
                .resteasyClient(ClientBuilder.newBuilder()
                        .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                        .readTimeout(timeout, TimeUnit.MILLISECONDS)
                        .register(new TolerantJson())
                        .build())
                .build();
    }

    void close(@Observes ShutdownEvent shutdown) {
        keycloak.close();
    }

    /** What a new credential's client is made of. */
    record Spec(String clientId, String organisationId, String displayName, String role, String tier, boolean kafka) {
    }

    /**
     * Makes the client of a credential; answers its Keycloak id. A client of that id made for the same organisation
     * and unknown to LDX is the work of an earlier attempt that timed out (Keycloak may carry out a request after its
     * caller gave up): it is taken over, and the caller gives it a new secret.
     */
    String create(Spec spec) {
        return call("create the client " + spec.clientId(), () -> {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(spec.clientId());
            client.setName(spec.displayName());
            client.setDescription("LDX credential of " + spec.organisationId() + "; managed by the LDX gateway");
            client.setEnabled(true);
            client.setProtocol("openid-connect");
            client.setPublicClient(false);
            client.setClientAuthenticatorType("client-secret");
            client.setServiceAccountsEnabled(true);
            client.setStandardFlowEnabled(false);
            client.setImplicitFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setAttributes(Map.of(ORGANISATION_ATTRIBUTE, spec.organisationId()));
            client.setDefaultClientScopes(spec.kafka()
                    ? List.of("basic", "roles", "service_account", kafkaScope())
                    : List.of("basic", "roles", "service_account"));
            client.setOptionalClientScopes(List.of());
            List<ProtocolMapperRepresentation> mappers = new ArrayList<>(List.of(
                    mapper("aud-" + config.clientId(), "oidc-audience-mapper",
                            Map.of("included.client.audience", config.clientId())),
                    mapper("role-" + spec.role(), "oidc-hardcoded-role-mapper", Map.of("role", spec.role())),
                    claim(Caller.ORGANISATION_CLAIM, spec.organisationId())));
            if (spec.tier() != null) {
                mappers.add(claim(Caller.TIER_CLAIM, spec.tier()));
            }
            client.setProtocolMappers(mappers);
            try (Response response = realm().clients().create(client)) {
                if (response.getStatus() == Response.Status.CONFLICT.getStatusCode()) {
                    return earlierAttempt(spec).orElseThrow(() -> new ProblemException(ProblemType.CREDENTIAL_EXISTS,
                            "Keycloak already has a client '" + spec.clientId() + "'; choose another credential name."));
                }
                return CreatedResponseUtil.getCreatedId(response);
            }
        });
    }

    private Optional<String> earlierAttempt(Spec spec) {
        return realm().clients().findByClientId(spec.clientId()).stream()
                .filter(c -> c.getAttributes() != null
                        && spec.organisationId().equals(c.getAttributes().get(ORGANISATION_ATTRIBUTE)))
                .map(ClientRepresentation::getId)
                .findFirst();
    }

    /** A new secret for the client; the old one is refused from now on. */
    String rotate(String keycloakId) {
        return call("rotate a client secret", () -> realm().clients().get(keycloakId).generateNewSecret().getValue());
    }

    void enable(String keycloakId, boolean enabled) {
        call(enabled ? "enable a client" : "disable a client", () -> {
            var resource = realm().clients().get(keycloakId);
            ClientRepresentation client = resource.toRepresentation();
            client.setEnabled(enabled);
            resource.update(client);
            return null;
        });
    }

    /** Deletes the client; one already gone counts as deleted. */
    void delete(String keycloakId) {
        call("delete a client", () -> {
            try {
                realm().clients().get(keycloakId).remove();
            } catch (NotFoundException gone) {
                // Deleted before (in Keycloak's console, or by an earlier attempt that did not reach PostgreSQL).
            }
            return null;
        });
    }

    /** The name of the Kafka client scope, made on first use: Kafka's OAuth client refuses a token without a scope. */
    private String kafkaScope() {
        String name = config.kafkaScope();
        boolean present = realm().clientScopes().findAll().stream().anyMatch(s -> name.equals(s.getName()));
        if (!present) {
            ClientScopeRepresentation scope = new ClientScopeRepresentation();
            scope.setName(name);
            scope.setProtocol("openid-connect");
            scope.setAttributes(Map.of("include.in.token.scope", "true", "display.on.consent.screen", "false"));
            try (Response response = realm().clientScopes().create(scope)) {
                if (response.getStatus() != Response.Status.CREATED.getStatusCode()
                        && response.getStatus() != Response.Status.CONFLICT.getStatusCode()) {
                    throw new WebApplicationException(response.getStatus());
                }
            }
        }
        return name;
    }

    private RealmResource realm() {
        return keycloak.realm(config.realm());
    }

    private static ProtocolMapperRepresentation claim(String name, String value) {
        return mapper(name, "oidc-hardcoded-claim-mapper", Map.of("claim.name", name, "claim.value", value,
                "jsonType.label", "String"));
    }

    private static ProtocolMapperRepresentation mapper(String name, String type, Map<String, String> settings) {
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName(name);
        mapper.setProtocol("openid-connect");
        mapper.setProtocolMapper(type);
        Map<String, String> config = new HashMap<>(settings);
        config.put("access.token.claim", "true");
        config.put("id.token.claim", "false");
        config.put("introspection.token.claim", "true");
        mapper.setConfig(config);
        return mapper;
    }

    private <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (NotFoundException e) {
            throw new ProblemException(ProblemType.CREDENTIAL_STATE_CONFLICT, "Could not " + what + ": Keycloak no "
                    + "longer has this credential's client (deleted outside LDX?). Delete the credential and issue a "
                    + "new one.");
        } catch (ProcessingException e) {
            throw unavailable(what, "cannot be reached (" + rootMessage(e) + ")");
        } catch (WebApplicationException e) {
            throw unavailable(what, "answered HTTP " + e.getResponse().getStatus());
        }
    }

    private ProblemException unavailable(String what, String why) {
        return new ProblemException(ProblemType.IDENTITY_PROVIDER_UNAVAILABLE, "Could not " + what + ": Keycloak "
                + why + ". Nothing was changed in LDX; retry later.");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }

    /** Keycloak's answers carry members its admin client may not know: ignore them, unlike LDX's own API. */
    private static final class TolerantJson implements ContextResolver<ObjectMapper> {

        private final ObjectMapper mapper = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

        @Override
        public ObjectMapper getContext(Class<?> type) {
            return mapper;
        }
    }
}
