package th.go.mol.ldx.gateway.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;
import th.go.mol.ldx.security.PseudonymDomain;
import th.go.mol.ldx.security.Pseudonymiser;

/**
 * The one place that decides what a reader sees of a dataset. The owner department sees its records whole. A
 * partner agency needs a grant in effect; it sees the grant's fields (the record key always), the grant's rows,
 * and national IDs as its own pseudonyms unless the grant is identified; a read of personal data states one of
 * the grant's purposes. REST reads ask {@link #readView}; every other channel turns a grant into the same view
 * with {@link #viewOf}.
 */
@ApplicationScoped
public class AccessPolicy {

    private final ActiveGrants grants;
    private final Pseudonymiser pseudonymiser;
    private final String pseudonymKeyId;
    private final Clock clock;
    private final AccessContext context;

    @Inject
    AccessPolicy(ActiveGrants grants, PseudonymKeys keys, AccessContext context) {
        this(grants, keys.pseudonymiser(), Clock.systemUTC(), context);
    }

    public AccessPolicy(ActiveGrants grants, Pseudonymiser pseudonymiser, Clock clock, AccessContext context) {
        this.grants = grants;
        this.pseudonymiser = pseudonymiser;
        this.pseudonymKeyId = pseudonymiser.keyId();
        this.clock = clock;
        this.context = context;
    }

    /** The name of the master secret the pseudonyms derive from, which changes when the secret is replaced. */
    public String pseudonymKeyId() {
        return pseudonymKeyId;
    }

    /**
     * The view of a REST read, for the purpose the reader states (null when it states none). Records the grant and
     * the purpose in the request's {@link AccessContext}.
     */
    public RecordView readView(Caller caller, Dataset dataset, String statedPurpose) {
        if (caller.owner() && dataset.ownedBy(caller.organisation())) {
            return RecordView.whole();
        }
        List<GrantTerms> approved = caller.partner() ? grants.approved(caller.organisation(), dataset.id()) : List.of();
        Instant now = clock.instant();
        GrantTerms grant = inEffect(approved, now).orElse(null);
        if (grant == null) {
            throw new ProblemException(ProblemType.NOT_GRANTED, whyNotGranted(caller, dataset, approved, now));
        }
        String purpose = requirePurpose(grant, dataset, statedPurpose);
        context.record(grant.id(), purpose);
        return viewOf(grant.view(), dataset, grant.historyAfter());
    }

    /**
     * Whether a read that began under {@code grantId} (null: the owner's, under no grant) may go on: that grant is
     * still the caller's in effect. A grant revoked, expired or superseded since ends a read that lasts (an export)
     * as it refuses the next page: within the second the approved grants are cached.
     */
    public boolean stillInEffect(Caller caller, String datasetId, UUID grantId) {
        if (grantId == null) {
            return true;
        }
        return inEffect(grants.approved(caller.organisation(), datasetId), clock.instant())
                .map(grant -> grant.id().equals(grantId)).orElse(false);
    }

    /**
     * The grant in effect at {@code now} among one agency's approved grants on one dataset. Approval supersedes
     * older grants, so there is one; should there be two, the newest wins.
     */
    public static Optional<GrantTerms> inEffect(List<GrantTerms> approved, Instant now) {
        return approved.stream().filter(g -> g.inEffectAt(now)).max(Comparator.comparing(GrantTerms::validFrom));
    }

    /** What a grant's terms show of a dataset, on any channel. Validity and purpose are the caller's to check. */
    public RecordView viewOf(ViewTerms grant, Dataset dataset) {
        return viewOf(grant, dataset, 0);
    }

    /** The same, its history beginning after the dataset sequence {@code historyAfter} (its grant's approval). */
    private RecordView viewOf(ViewTerms grant, Dataset dataset, long historyAfter) {
        Set<String> fields = new HashSet<>(grant.fields());
        fields.add(dataset.keyField());
        Set<String> pseudonymised = new HashSet<>();
        List<List<String>> nested = List.of();
        if (!grant.identified()) {
            dataset.nationalIdFields().stream().filter(fields::contains).forEach(pseudonymised::add);
            nested = dataset.nestedNationalIds();
        }
        // Version 0 is a past topic's, from before versions: it is read for its rows, never pseudonymised with again.
        PseudonymDomain domain = new PseudonymDomain(grant.agency(), Math.max(1, grant.pseudonymKey()));
        return new RecordView(fields, grant.rows(), pseudonymised, nested, grant.pseudonymKey(), historyAfter,
                id -> pseudonymiser.pseudonym(domain, id));
    }

    /**
     * The purpose a read is made for: one of the grant's. A dataset with personal-data fields is read for a
     * stated purpose only; any other may be read without one.
     */
    public static String requirePurpose(GrantTerms grant, Dataset dataset, String stated) {
        if (stated == null || stated.isBlank()) {
            if (dataset.holdsPersonalData()) {
                throw new ProblemException(ProblemType.PURPOSE_REQUIRED, "Dataset '" + dataset.id()
                        + "' holds personal data: state the purpose of this read in the " + AccessHeaders.PURPOSE
                        + " header, one of " + grant.purposes() + ".", null, grant.purposes());
            }
            return null;
        }
        if (!grant.purposes().contains(stated)) {
            throw new ProblemException(ProblemType.PURPOSE_NOT_ALLOWED, "Your grant on dataset '" + dataset.id()
                    + "' does not cover purpose '" + stated + "'; it covers " + grant.purposes() + ".", null,
                    grant.purposes());
        }
        return stated;
    }

    /**
     * The narrower view a reader asks for with query parameters: some of the fields the view shows, and a filter
     * that may read only those fields too (a filter on a hidden field would reveal its values one query at a time)
     * and never a pseudonymised one (a filter compares stored values: it would tie real IDs to pseudonyms). A field
     * the view does not show is refused as a bad parameter (400 field-not-granted), named where it was asked for.
     */
    public RecordView narrow(RecordView view, Set<String> fields, RowFilter filter) {
        List<FieldError> errors = new ArrayList<>();
        if (fields != null) {
            notShown(view, "fields", fields, errors);
        }
        for (String field : filter.fields()) {
            String pointer = "filter/" + RowFilter.pointerToken(field);
            if (!view.shows(field)) {
                errors.add(new FieldError(pointer, "your grant does not show '" + field + "'"));
            } else if (view.pseudonymises(field)) {
                errors.add(new FieldError(pointer, "'" + field + "' reaches you as pseudonyms: a filter on it would"
                        + " compare real identifiers, so none is allowed"));
            }
        }
        requireNone(errors);
        return view.narrowed(fields, filter);
    }

    /**
     * Refuses (400 field-not-granted) the fields named in each parameter that the view does not show, or shows only
     * as pseudonyms: counting or summing by them would count real identifiers.
     */
    public void requireShownAsStored(RecordView view, Map<String, Collection<String>> fieldsByParameter) {
        List<FieldError> errors = new ArrayList<>();
        fieldsByParameter.forEach((parameter, fields) -> {
            notShown(view, parameter, fields, errors);
            fields.stream().filter(f -> view.shows(f) && view.pseudonymises(f)).forEach(f -> errors.add(
                    new FieldError(parameter, "'" + f + "' reaches you as pseudonyms: counting by it would count real"
                            + " identifiers")));
        });
        requireNone(errors);
    }

    private static void notShown(RecordView view, String parameter, Collection<String> fields,
            List<FieldError> errors) {
        fields.stream().filter(f -> !view.shows(f))
                .forEach(f -> errors.add(new FieldError(parameter, "your grant does not show '" + f + "'")));
    }

    private static void requireNone(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.FIELD_NOT_GRANTED, "You asked for field(s) your grant does not"
                    + " show as stored; ask only for the fields you are granted.", errors);
        }
    }

    public void requireOwner(Caller caller, Dataset dataset) {
        if (!caller.owner() || !dataset.ownedBy(caller.organisation())) {
            throw new ProblemException(ProblemType.NOT_OWNER,
                    "Dataset '" + dataset.id() + "' is published by '" + dataset.owner() + "' only.");
        }
    }

    /** Says why, from the approved grants the caller holds: none, one that starts later, or one that expired. */
    private static String whyNotGranted(Caller caller, Dataset dataset, List<GrantTerms> approved, Instant now) {
        String base = "'" + caller.organisation() + "' holds no grant in effect to read dataset '" + dataset.id() + "'";
        Optional<GrantTerms> next = approved.stream().filter(g -> g.validFrom().isAfter(now))
                .min(Comparator.comparing(GrantTerms::validFrom));
        if (next.isPresent()) {
            return base + ": grant " + next.get().id() + " takes effect at " + next.get().validFrom() + ".";
        }
        Optional<GrantTerms> last = approved.stream().filter(g -> !g.validUntil().isAfter(now))
                .max(Comparator.comparing(GrantTerms::validUntil));
        return last.map(g -> base + ": grant " + g.id() + " expired at " + g.validUntil() + ".").orElse(base + ".");
    }
}
