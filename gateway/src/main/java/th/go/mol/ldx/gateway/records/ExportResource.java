package th.go.mol.ldx.gateway.records;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import th.go.mol.ldx.gateway.access.AccessHeaders;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.RecordView;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.audit.StreamedRecords;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * The caller's whole view of a dataset in one streamed answer, for a first copy or a spreadsheet. The answer
 * names the dataset's change sequence before the export started: every change up to it is in the file, so a copy
 * made from it follows the change feed (or its topic) from there.
 */
@Path("/v1/datasets/{datasetId}/export")
@RolesAllowed({Roles.PARTNER, Roles.OWNER})
@Tag(name = "records")
public class ExportResource {

    /** The response header naming the sequence that every change up to is in the export. */
    public static final String SEQUENCE = "LDX-Sequence";

    private final DatasetCatalog catalog;
    private final ReadViews views;
    private final RecordExport export;
    private final ExportSlots slots;
    private final CurrentVertxRequest http;
    private final SecurityIdentity identity;

    ExportResource(DatasetCatalog catalog, ReadViews views, RecordExport export, ExportSlots slots,
            CurrentVertxRequest http, SecurityIdentity identity) {
        this.catalog = catalog;
        this.views = views;
        this.export = export;
        this.slots = slots;
        this.http = http;
        this.identity = identity;
    }

    @GET
    @Produces({"application/x-ndjson", "text/csv"})
    @Audited(kind = AuditEntry.Kind.ACCESS, action = "records.export")
    public Response export(@PathParam("datasetId") String datasetId,
            @QueryParam("format") @DefaultValue("ndjson") @Pattern(regexp = "ndjson|csv", message = "must be ndjson or csv")
            String format,
            @QueryParam("bom") @DefaultValue("false") @Pattern(regexp = "true|false", message = "must be true or false")
            String bom,
            @QueryParam("afterKey") @Size(min = 1, max = 128) String afterKey,
            @QueryParam("fields") String fields,
            @QueryParam("filter") String filter,
            @HeaderParam(AccessHeaders.PURPOSE) String purpose) {
        RecordExport.Format chosen = RecordExport.Format.valueOf(format.toUpperCase(Locale.ROOT));
        boolean withBom = Boolean.parseBoolean(bom);
        if (withBom && chosen != RecordExport.Format.CSV) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "A byte order mark is for CSV files only.",
                    List.of(new FieldError("bom", "applies to format=csv only")));
        }
        Dataset dataset = catalog.require(datasetId);
        RecordView view = views.of(dataset, purpose, fields, filter);
        StreamedRecords records = export.of(dataset, view, views.stillGranted(dataset), chosen, withBom, afterKey);
        slots.holdUntilEnd(http.getCurrent(), Caller.of(identity).organisation(), records);
        String file = dataset.id() + (chosen == RecordExport.Format.CSV ? ".csv" : ".ndjson");
        return Response.ok(records, chosen.mediaType())
                .header(SEQUENCE, dataset.changeSeq())
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .build();
    }
}
