package th.go.mol.ldx.gateway.grants;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.RowFilter;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;
import th.go.mol.ldx.gateway.db.Sql;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * The grant lifecycle, one transaction per use case: an agency requests; the dataset's owner department or an
 * administrator approves or rejects; an approved grant is in effect during its validity, then expires, unless it is
 * revoked or superseded by the approval of a newer grant of the same agency on the same dataset. Every step is
 * recorded with who and when; a refused step changes nothing.
 */
@ApplicationScoped
public class GrantService {

    /** The longest validity, and the furthest start, of a grant: PDPA storage limitation, and a review at least that often. */
    static final Duration MAX_VALIDITY = Duration.ofDays(5 * 365 + 1);

    private final GrantRepository grants;
    private final PurposeRegistry purposes;
    private final DatasetCatalog catalog;
    private final Clock clock = Clock.systemUTC();

    GrantService(GrantRepository grants, PurposeRegistry purposes, DatasetCatalog catalog) {
        this.grants = grants;
        this.purposes = purposes;
        this.catalog = catalog;
    }

    @Transactional
    public Grant request(Caller agency, GrantRequest request) {
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>();
        // Read under a lock that a redefinition waits for: a field declared a national ID meanwhile would otherwise
        // let through a pseudonymised grant that picks rows by it (DatasetCatalog.put refuses the other order).
        Dataset dataset = catalog.findSteady(request.datasetId()).orElse(null);
        if (dataset == null) {
            errors.add(new FieldError("/datasetId", "there is no dataset '" + request.datasetId() + "' in the catalog"));
        }
        Set<String> fields = new LinkedHashSet<>(request.fields());
        RowFilter rows = RowFilter.parse(request.rows(), "/rows", errors);
        if (dataset != null) {
            Set<String> declared = dataset.fields();
            for (int i = 0; i < request.fields().size(); i++) {
                if (!declared.contains(request.fields().get(i))) {
                    errors.add(new FieldError("/fields/" + i, "dataset '" + dataset.id() + "' declares no field '"
                            + request.fields().get(i) + "'"));
                }
            }
            fields.add(dataset.keyField());
            rows.checkAgainst(dataset, "/rows", errors);
            if (!request.identifiedOrDefault()) {
                // A pseudonymised grant whose rows pick real IDs would tie those IDs to the agency's pseudonyms.
                rows.fields().stream().filter(dataset.nationalIdFields()::contains).forEach(f -> errors.add(new FieldError(
                        "/rows/" + f, "national IDs reach this grant as pseudonyms; only an identified grant filters on them")));
            }
        }
        Set<String> declaredPurposes = purposes.declared(request.purposes());
        for (int i = 0; i < request.purposes().size(); i++) {
            if (!declaredPurposes.contains(request.purposes().get(i))) {
                errors.add(new FieldError("/purposes/" + i, "'" + request.purposes().get(i)
                        + "' is not a declared purpose (GET /v1/purposes lists them)"));
            }
        }
        // Checked as stored, so that the table's own check (valid_until > valid_from) can never be the one to refuse.
        Instant validFrom = Sql.stored(request.validFrom() == null || request.validFrom().isBefore(now) ? now
                : request.validFrom());
        Instant validUntil = Sql.stored(request.validUntil());
        if (!validUntil.isAfter(validFrom)) {
            errors.add(new FieldError("/validUntil", "must be after validFrom (or after now when validFrom is absent or past)"));
        }
        if (validFrom.isAfter(now.plus(MAX_VALIDITY)) || validUntil.isAfter(validFrom.plus(MAX_VALIDITY))) {
            errors.add(new FieldError("/validUntil", "a grant starts and ends within " + MAX_VALIDITY.toDays()
                    + " days; renew it by a new request"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_GRANT, "The grant request names what LDX cannot grant.", errors);
        }
        Grant.Stored grant = new Grant.Stored(UUID.randomUUID(), agency.organisation(), dataset.id(), List.copyOf(fields), rows,
                List.copyOf(new LinkedHashSet<>(request.purposes())), request.identifiedOrDefault(), validFrom,
                validUntil, GrantState.Status.REQUESTED, null);
        grants.insert(grant, agency.organisation(), now);
        grants.appendEvent(grant.id(), "requested", agency.organisation(), now, null);
        return read(grant, now);
    }

    @Transactional
    public Grant approve(Caller decider, UUID id, String note) {
        Instant now = clock.instant();
        Grant.Stored grant = lockDecidable(decider, id);
        requireState(grant, now, "approved", GrantState.REQUESTED);
        if (!grant.validUntil().isAfter(now)) {
            throw new ProblemException(ProblemType.GRANT_STATE_CONFLICT, "Grant " + id + " asked for access until "
                    + grant.validUntil() + ", which has passed; the agency requests again.");
        }
        Instant validFrom = grant.validFrom().isBefore(now) ? now : grant.validFrom();
        grants.lockPair(grant.agency(), grant.datasetId());
        Long continued = null;
        for (Grant.Stored older : grants.lockApprovedOf(grant.agency(), grant.datasetId())) {
            // Only the grant in effect now, which the new one follows without a gap, hands its history on: after an
            // expiry or a revocation the agency's topic was deleted, and it starts again from a snapshot.
            boolean followed = older.terms(1).inEffectAt(now) && !validFrom.isAfter(older.validUntil());
            if (followed && older.historyAfter() != null && older.terms(1).view().equals(grant.terms(1).view())) {
                continued = older.historyAfter();
            }
            supersede(older, id, validFrom, decider, now);
        }
        grants.update(id, GrantState.Status.APPROVED, validFrom, grant.validUntil());
        // A renewal on the same terms goes on with the history of the grant it replaces, as its topic goes on without
        // a back-fill; other terms start a history of their own, from a snapshot, as the topic's back-fill does: now,
        // or for a grant that takes effect later, with the last change before its validFrom (GrantRepository).
        grants.bindHistory(id, continued, validFrom.isAfter(now));
        grants.appendEvent(id, "approved", decider.organisation(), now, note);
        return read(grants.find(id).orElseThrow(), now);
    }

    @Transactional
    public Grant reject(Caller decider, UUID id, String reason) {
        return close(decider, id, reason, "rejected", GrantState.Status.REJECTED, GrantState.REQUESTED);
    }

    @Transactional
    public Grant revoke(Caller decider, UUID id, String reason) {
        return close(decider, id, reason, "revoked", GrantState.Status.REVOKED, GrantState.SCHEDULED, GrantState.ACTIVE);
    }

    /** A grant as the caller may see it: its own (agency), on its datasets (owner department), any (administrator). */
    public Grant get(Caller caller, UUID id) {
        Grant.Stored grant = grants.find(id).filter(g -> visible(caller, g)).orElseThrow(() -> notFound(id));
        return read(grant, clock.instant());
    }

    /** The version of the key an agency's pseudonyms are computed with now. */
    public int pseudonymKeyOf(String agency) {
        return grants.pseudonymKeyOf(agency);
    }

    /** The grants the caller may see, optionally of one agency, dataset or state, newest first. */
    public List<Grant> list(Caller caller, String agency, String datasetId, GrantState state) {
        Instant now = clock.instant();
        List<Grant.Stored> found = caller.admin() ? grants.search(null, false, agency, datasetId)
                : grants.search(caller.organisation(), caller.owner(), agency, datasetId);
        Map<UUID, List<GrantEvent>> events = grants.events(found.stream().map(Grant.Stored::id).toList());
        return found.stream()
                .map(g -> Grant.of(g, events.getOrDefault(g.id(), List.of()), now))
                .filter(g -> state == null || g.state() == state)
                .toList();
    }

    /**
     * One grant in effect per agency and dataset: a current grant ends when the newly approved one takes effect. It
     * is superseded at once or, when the new grant starts later, shortened to serve until then and not beyond.
     */
    private void supersede(Grant.Stored older, UUID by, Instant from, Caller decider, Instant now) {
        if (!GrantState.of(older.status(), older.validFrom(), older.validUntil(), now).current()) {
            return;
        }
        if (from.isAfter(now) && older.validFrom().isBefore(from)) {
            if (older.validUntil().isAfter(from)) {
                grants.update(older.id(), older.status(), older.validFrom(), from);
                grants.appendEvent(older.id(), "shortened", decider.organisation(), now,
                        "ends at " + from + ", when grant " + by + " takes effect");
            }
            return;
        }
        grants.update(older.id(), GrantState.Status.SUPERSEDED, older.validFrom(), older.validUntil());
        grants.appendEvent(older.id(), "superseded", decider.organisation(), now, "superseded by grant " + by);
    }

    /** A decision that ends a grant's life, for a stated reason: a rejection or a revocation. */
    private Grant close(Caller decider, UUID id, String reason, String action, GrantState.Status status,
            GrantState... allowed) {
        Instant now = clock.instant();
        Grant.Stored grant = lockDecidable(decider, id);
        requireReason(reason);
        requireState(grant, now, action, allowed);
        grants.update(id, status, grant.validFrom(), grant.validUntil());
        grants.appendEvent(id, action, decider.organisation(), now, reason);
        return read(grants.find(id).orElseThrow(), now);
    }

    private Grant.Stored lockDecidable(Caller decider, UUID id) {
        Grant.Stored grant = grants.lock(id).orElseThrow(() -> notFound(id));
        if (grant.agency().equals(decider.organisation())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "An agency does not decide its own grants.");
        }
        if (decider.admin()) {
            return grant;
        }
        Dataset dataset = catalog.require(grant.datasetId());
        if (!decider.owner() || !dataset.ownedBy(decider.organisation())) {
            throw new ProblemException(ProblemType.NOT_OWNER, "Grants on dataset '" + dataset.id()
                    + "' are decided by its owner department '" + dataset.owner() + "' or an administrator.");
        }
        return grant;
    }

    private static void requireState(Grant.Stored grant, Instant now, String wanted, GrantState... allowed) {
        GrantState state = GrantState.of(grant.status(), grant.validFrom(), grant.validUntil(), now);
        List<String> codes = new ArrayList<>();
        for (GrantState a : allowed) {
            if (state == a) {
                return;
            }
            codes.add(a.code());
        }
        throw new ProblemException(ProblemType.GRANT_STATE_CONFLICT, "Grant " + grant.id() + " is " + state.code()
                + "; only a grant that is " + String.join(" or ", codes) + " can be " + wanted + ".");
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "State the reason for this decision.",
                    List.of(new FieldError("/reason", "must not be blank")));
        }
    }

    private boolean visible(Caller caller, Grant.Stored grant) {
        if (caller.admin() || grant.agency().equals(caller.organisation())) {
            return true;
        }
        return caller.owner() && catalog.find(grant.datasetId()).map(d -> d.ownedBy(caller.organisation())).orElse(false);
    }

    private Grant read(Grant.Stored grant, Instant now) {
        return Grant.of(grant, grants.events(List.of(grant.id())).getOrDefault(grant.id(), List.of()), now);
    }

    private static ProblemException notFound(UUID id) {
        return new ProblemException(ProblemType.GRANT_NOT_FOUND, "There is no grant " + id + " that you may see.");
    }
}
