package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A redefinition of a dataset that takes personal-data declarations away, or gives the dataset to another owner
 * department, proposed by an administrator and waiting for the owner department (four eyes): what it
 * {@code removes} and {@code adds}, the declarations it would leave ({@code personalDataFields}), the new
 * {@code owner} if it changes, who proposed it and when, and, once decided, who decided, when and why. States:
 * {@code proposed}, {@code approved} (applied), {@code rejected}, {@code superseded} (by a later proposal, or by a
 * redefinition applied meanwhile: what the owner would approve is then no longer what it reads).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeclarationChange(UUID id, String datasetId, String state, List<PersonalDataField> removes,
        List<PersonalDataField> adds, List<PersonalDataField> personalDataFields, String owner, String proposedBy,
        Instant proposedAt, String decidedBy, Instant decidedAt, String reason) {
}
