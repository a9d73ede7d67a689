package th.go.mol.ldx.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.problem.Problem;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * The audit trail: administrators verify the chain and read every entry; owner departments read the entries on
 * their datasets, agencies their own, newest first. Reading the trail is itself audited.
 */
@Path("/v1/audit")
@Tag(name = "audit")
public class AuditResource {

    private final AuditTrail trail;
    private final SecurityIdentity identity;
    private final AuditContext context;
    private final ObjectMapper json;

    AuditResource(AuditTrail trail, SecurityIdentity identity, AuditContext context, ObjectMapper json) {
        this.trail = trail;
        this.identity = identity;
        this.context = context;
        this.json = json;
    }

    /** One entry as the API shows it: {@code detail} as the JSON it is. */
    public record Entry(long seq, Instant at, String kind, String action, String credential, String agency,
            String datasetId, String purpose, UUID grantId, JsonNode detail, Integer records, int outcome,
            String traceId, String prevHash, String hash) {
    }

    /** A page of entries and the cursor of the next, older page ({@code null} on the last). */
    public record EntryPage(List<Entry> items, String next) {
    }

    @GET
    @Path("/entries")
    @RolesAllowed({Roles.PARTNER, Roles.OWNER, Roles.ADMIN})
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "audit.read")
    public RestResponse<EntryPage> entries(@QueryParam("dataset") String datasetId,
            @QueryParam("from") String from, @QueryParam("until") String until,
            @QueryParam("before") @Pattern(regexp = "[0-9]{1,18}", message = "must be a cursor from an earlier page")
            String before,
            @QueryParam("limit") @DefaultValue("100") @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number")
            @Min(1) @Max(1000) String limit,
            UriInfo uri) {
        int size = Integer.parseInt(limit);
        List<AuditEntry> page = trail.page(Caller.of(identity), datasetId, instant("from", from), instant("until", until),
                before == null ? null : Long.valueOf(before), size);
        String next = page.size() == size ? Long.toString(page.get(page.size() - 1).seq()) : null;
        context.returned(page.size());
        RestResponse.ResponseBuilder<EntryPage> response = RestResponse.ResponseBuilder.ok(
                new EntryPage(page.stream().map(this::view).toList(), next));
        if (next != null) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("before", next).build()
                    + ">; rel=\"next\"");
        }
        return response.build();
    }

    @GET
    @Path("/verify")
    @RolesAllowed(Roles.ADMIN)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "audit.verify")
    public AuditTrail.Verification verify() {
        return trail.verify();
    }

    private static Instant instant(String parameter, String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "'" + parameter + "' is not an instant.",
                    List.of(new Problem.FieldError(parameter, "must be an ISO-8601 instant such as 2026-11-25T00:00:00Z")));
        }
    }

    private Entry view(AuditEntry entry) {
        try {
            return new Entry(entry.seq(), entry.at(), entry.kind().stored(), entry.action(), entry.credential(),
                    entry.agency(), entry.datasetId(), entry.purpose(), entry.grantId(), json.readTree(entry.detail()),
                    entry.records(), entry.outcome(), entry.traceId(), entry.prevHash(), entry.hash());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit entry " + entry.seq() + " holds a detail that is not JSON", e);
        }
    }
}
