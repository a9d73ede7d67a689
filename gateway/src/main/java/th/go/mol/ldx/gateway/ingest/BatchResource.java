package th.go.mol.ldx.gateway.ingest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.problem.Problem;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/** The owner department of a dataset publishes many changes in one request, all or none. */
@Path("/v1/datasets/{datasetId}/records:batch")
@RolesAllowed(Roles.OWNER)
@Tag(name = "ingest")
public class BatchResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final IngestService ingest;
    private final SecurityIdentity identity;

    BatchResource(IngestService ingest, SecurityIdentity identity) {
        this.ingest = ingest;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Every change was applied (or, on a replay, had been)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BatchReceipt.class)))
    @Audited(kind = AuditEntry.Kind.ACCESS, action = "records.batch")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BatchRequest.class)))
    public RestResponse<byte[]> apply(@PathParam("datasetId") String datasetId,
            @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, byte[] body) throws IOException {
        // Read as bytes: each record is stored, and the batch hashed, as sent (BatchRequest.read, SentRecord).
        IdempotencyKeys.Applied applied = ingest.batch(Caller.of(identity), datasetId, body, key(idempotencyKey));
        return RestResponse.ResponseBuilder.ok(applied.receipt(), MediaType.APPLICATION_JSON_TYPE)
                .header(REPLAYED, applied.replayed()).build();
    }

    /** The key as sent, or as an RFC 8941 string (the IETF draft's form): 1 to 255 visible ASCII characters. */
    private static String key(String header) {
        if (header == null) {
            return null;
        }
        String key = header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"")
                ? header.substring(1, header.length() - 1) : header;
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "The Idempotency-Key has 1 to "
                    + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters.",
                    List.of(new Problem.FieldError(IDEMPOTENCY_KEY, "1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                            + " visible ASCII characters")));
        }
        return key;
    }
}
