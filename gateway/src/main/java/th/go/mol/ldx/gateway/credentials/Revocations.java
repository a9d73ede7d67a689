package th.go.mol.ldx.gateway.credentials;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.db.Periodic;
import th.go.mol.ldx.gateway.db.PgListener;
import th.go.mol.ldx.gateway.problem.ProblemType;
import th.go.mol.ldx.gateway.problem.RefusedToken;

/**
 * Each replica's view of which credentials are revoked, so that a token is checked without a network call: the
 * status and {@code not_before} of every credential, read from PostgreSQL at start, again at once when a trigger
 * notifies a change ({@code ldx_credentials}), and at least every {@code ldx.credentials.refresh-interval} should a
 * notification be lost. A token is refused when its credential is disabled or deleted, or when it was issued
 * before the credential's {@code not_before} (a rotation or a disabling). Clients that LDX did not issue (the
 * gateway's own) are not in the view and are not refused by it.
 *
 * <p>Also keeps when each credential was last used, written every {@code ldx.credentials.last-use-interval}.
 */
@ApplicationScoped
public class Revocations {

    static final String CHANNEL = "ldx_credentials";
    private static final Logger LOG = Logger.getLogger(Revocations.class);

    private final AgroalDataSource db;
    private final CredentialStore store;
    private final CredentialsConfig config;
    private final Map<String, Instant> lastUses = new ConcurrentHashMap<>();
    /** Null until first read: whoever needs it first (a request, the ACL alignment) loads it. */
    private volatile Map<String, CredentialStore.Revocation> view;
    private PgListener listener;
    private Periodic refresh;
    private Periodic lastUseWriter;

    Revocations(AgroalDataSource db, CredentialStore store, CredentialsConfig config) {
        this.db = db;
        this.store = store;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        current();
        refresh = Periodic.every(config.refreshInterval(), "ldx-revocations", "reloading the revocation view", LOG,
                this::reload);
        listener = PgListener.start(db, CHANNEL, refresh::runNow);
        lastUseWriter = Periodic.every(config.lastUseInterval(), "ldx-credential-use",
                "recording when credentials were last used", LOG, this::writeLastUses);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        listener.stop();
        refresh.stop(Duration.ofSeconds(2));
        lastUseWriter.stop(Duration.ofSeconds(2));
        writeLastUses();
    }

    /**
     * Why a token of {@code caller} issued at {@code issuedAt} (its {@code iat}, epoch seconds) is refused, if it is.
     * A token with an LDX role or an organisation claim must come from a credential LDX issued (to that
     * organisation), or be the gateway's own: a client made in Keycloak by other means is no credential.
     */
    public Optional<RefusedToken> refusal(Caller caller, long issuedAt) {
        String clientId = caller.clientId();
        if (clientId == null) {
            return Optional.of(new RefusedToken(ProblemType.UNAUTHENTICATED, "The token names no client."));
        }
        CredentialStore.Revocation credential = current().get(clientId);
        if (credential == null) {
            boolean ldxRole = caller.partner() || caller.owner() || caller.admin();
            return (caller.claimsOrganisation() || ldxRole) && !clientId.equals(config.clientId())
                    ? Optional.of(new RefusedToken(ProblemType.UNAUTHENTICATED,
                            "The client '" + clientId + "' is not a credential LDX issued."))
                    : Optional.empty();
        }
        if (!credential.organisationId().equals(caller.organisation())) {
            return Optional.of(new RefusedToken(ProblemType.UNAUTHENTICATED,
                    "The token of '" + clientId + "' does not name its organisation."));
        }
        if (credential.status() != Credential.Status.ACTIVE) {
            return Optional.of(new RefusedToken(ProblemType.CREDENTIAL_REVOKED,
                    "The credential '" + clientId + "' is " + credential.status().code() + "."));
        }
        if (issuedAt < credential.notBefore().getEpochSecond()) {
            return Optional.of(new RefusedToken(ProblemType.CREDENTIAL_REVOKED, "This token of '" + clientId
                    + "' was issued before its secret was rotated or the credential was disabled ("
                    + credential.notBefore() + "); obtain a new one."));
        }
        lastUses.put(clientId, Instant.now());
        return Optional.empty();
    }

    /** The active credentials of an agency, which the broker's ACLs name. */
    public List<String> activeAgencyCredentials(String organisationId) {
        return current().values().stream()
                .filter(c -> c.organisationId().equals(organisationId) && c.status() == Credential.Status.ACTIVE
                        && c.kind() == Organisation.Kind.AGENCY)
                .map(CredentialStore.Revocation::clientId)
                .sorted()
                .toList();
    }

    private Map<String, CredentialStore.Revocation> current() {
        Map<String, CredentialStore.Revocation> loaded = view;
        if (loaded == null) {
            reload();
            loaded = view;
        }
        return loaded;
    }

    /**
     * Reads the view again now; the credential service calls it so that its own replica is current at once.
     * Synchronised, so that a slower read never replaces a newer one.
     */
    synchronized void reload() {
        Map<String, CredentialStore.Revocation> fresh = new HashMap<>();
        for (CredentialStore.Revocation credential : store.revocations()) {
            fresh.put(credential.clientId(), credential);
        }
        view = Map.copyOf(fresh);
    }

    private void writeLastUses() {
        Map<String, Instant> batch = new HashMap<>(lastUses);
        store.used(batch);
        batch.forEach(lastUses::remove);
    }
}
