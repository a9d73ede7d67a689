package th.go.mol.ldx.gateway.credentials;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.limits.LimitsConfig;
import th.go.mol.ldx.gateway.problem.Problem;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Issues and revokes credentials: Keycloak first, then LDX's own record, so that a Keycloak that cannot be reached
 * leaves LDX unchanged (503). Every revocation moves the credential's {@code not_before} to the next whole second
 * (token times are whole seconds) and answers once that second has come, so that a token fetched after the answer
 * is never mistaken for one issued before.
 */
@ApplicationScoped
public class CredentialService {

    /** Keycloak keeps a client's name in 255 characters. */
    private static final int DISPLAY_NAME = 255;

    private final OrganisationRegistry organisations;
    private final CredentialStore store;
    private final KeycloakClients keycloak;
    private final Revocations revocations;
    private final CredentialsConfig config;
    private final LimitsConfig limits;

    CredentialService(OrganisationRegistry organisations, CredentialStore store, KeycloakClients keycloak,
            Revocations revocations, CredentialsConfig config, LimitsConfig limits) {
        this.organisations = organisations;
        this.store = store;
        this.keycloak = keycloak;
        this.revocations = revocations;
        this.config = config;
        this.limits = limits;
    }

    public List<Credential> ofOrganisation(String organisationId) {
        organisation(organisationId);
        return store.ofOrganisation(organisationId);
    }

    public Credential get(String clientId) {
        return store.find(clientId).orElseThrow(() -> new ProblemException(ProblemType.CREDENTIAL_NOT_FOUND,
                "LDX issued no credential '" + clientId + "'."));
    }

    public Credential.Issued issue(String organisationId, Credential.Request request, Caller admin) {
        Organisation organisation = organisation(organisationId);
        String clientId = organisationId + "." + request.name();
        if (store.find(clientId).isPresent()) {
            throw new ProblemException(ProblemType.CREDENTIAL_EXISTS, "'" + organisationId + "' already has (or had) a "
                    + "credential named '" + request.name() + "'; names are not reused, choose another.");
        }
        requireTier(organisation, request.tier());
        boolean agency = organisation.kind() == Organisation.Kind.AGENCY;
        String displayName = organisation.name().en() + " / " + organisation.name().th() + " - " + request.name();
        String keycloakId = keycloak.create(new KeycloakClients.Spec(clientId, organisationId,
                displayName.length() > DISPLAY_NAME ? displayName.substring(0, DISPLAY_NAME) : displayName,
                organisation.kind().role(), request.tier(), agency));
        String secret;
        Instant now = Instant.now();
        Credential credential = new Credential(clientId, organisationId, request.name(), request.description(),
                request.tier(), Credential.Status.ACTIVE, now, admin.clientId(), null, null, null,
                now.truncatedTo(ChronoUnit.SECONDS), keycloakId);
        try {
            // A new secret even for a new client: a client adopted after a timed-out attempt may have had one shown.
            secret = keycloak.rotate(keycloakId);
            store.insert(credential);
        } catch (RuntimeException e) {
            keycloak.delete(keycloakId);
            throw e;
        }
        revocations.reload();
        return new Credential.Issued(get(clientId), secret, tokenUrl(), agency ? config.kafkaScope() : null);
    }

    /** A new secret; the old one is refused by Keycloak at once, and its tokens by every replica within seconds. */
    public Credential.Issued rotate(String clientId) {
        Credential credential = notDeleted(clientId, "rotated");
        String secret = keycloak.rotate(credential.keycloakId());
        Instant now = Instant.now();
        Instant notBefore = nextSecond(now);
        store.rotated(clientId, now, notBefore);
        revocations.reload();
        waitUntil(notBefore);
        boolean agency = organisation(credential.organisationId()).kind() == Organisation.Kind.AGENCY;
        return new Credential.Issued(get(clientId), secret, tokenUrl(), agency ? config.kafkaScope() : null);
    }

    /** Disabled in Keycloak (again, should an earlier call have timed out) and in LDX. */
    public Credential disable(String clientId) {
        Credential credential = notDeleted(clientId, "disabled");
        keycloak.enable(credential.keycloakId(), false);
        if (credential.status() == Credential.Status.DISABLED) {
            return credential;
        }
        Instant now = Instant.now();
        store.status(clientId, Credential.Status.DISABLED, now, nextSecond(now));
        revocations.reload();
        return get(clientId);
    }

    /** Active again, in Keycloak and in LDX; tokens issued before it was disabled stay refused. */
    public Credential enable(String clientId) {
        Credential credential = notDeleted(clientId, "enabled");
        keycloak.enable(credential.keycloakId(), true);
        if (credential.status() == Credential.Status.ACTIVE) {
            return credential;
        }
        store.status(clientId, Credential.Status.ACTIVE, Instant.now(), credential.tokensValidFrom());
        revocations.reload();
        waitUntil(credential.tokensValidFrom());
        return get(clientId);
    }

    /** Deletes the Keycloak client; LDX keeps the record, so its tokens stay refused and its name is not reused. */
    public void delete(String clientId) {
        Credential credential = get(clientId);
        if (credential.deleted()) {
            return;
        }
        keycloak.delete(credential.keycloakId());
        Instant now = Instant.now();
        store.status(clientId, Credential.Status.DELETED, now, nextSecond(now));
        revocations.reload();
    }

    /** The kind of an organisation decides the role its credentials carry: it does not change while it holds any. */
    public void requireKindUnchanged(String organisationId, Organisation.Kind kind) {
        organisations.find(organisationId).filter(o -> o.kind() != kind)
                .filter(o -> !store.ofOrganisation(organisationId).isEmpty())
                .ifPresent(o -> {
                    throw new ProblemException(ProblemType.CREDENTIAL_STATE_CONFLICT, "'" + organisationId + "' holds "
                            + "credentials with the role of kind " + o.kind().code() + "; register the new kind under "
                            + "a new id.");
                });
    }

    private Organisation organisation(String organisationId) {
        return organisations.find(organisationId).orElseThrow(() -> new ProblemException(
                ProblemType.ORGANISATION_NOT_FOUND, "No agency or department '" + organisationId + "' is registered."));
    }

    private void requireTier(Organisation organisation, String tier) {
        if (tier == null) {
            return;
        }
        if (organisation.kind() != Organisation.Kind.AGENCY) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "Limits tiers apply to agencies' credentials.",
                    List.of(new Problem.FieldError("/tier", "only for an agency")));
        }
        if (!limits.tiers().containsKey(tier)) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "No limits tier '" + tier + "' is configured.",
                    List.of(new Problem.FieldError("/tier", "must be one of " + limits.tiers().keySet().stream()
                            .sorted().toList())));
        }
    }

    private Credential notDeleted(String clientId, String action) {
        Credential credential = get(clientId);
        if (credential.deleted()) {
            throw new ProblemException(ProblemType.CREDENTIAL_STATE_CONFLICT, "The credential '" + clientId
                    + "' was deleted; it cannot be " + action + ". Issue a new one.");
        }
        return credential;
    }

    private String tokenUrl() {
        return config.keycloakUrl() + "/realms/" + config.realm() + "/protocol/openid-connect/token";
    }

    private static Instant nextSecond(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    private static void waitUntil(Instant instant) {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
