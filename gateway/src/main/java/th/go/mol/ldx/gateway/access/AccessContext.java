package th.go.mol.ldx.gateway.access;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The grant and the stated purpose under which the current request reads data. The policy fills it in; the
 * answer repeats both (headers {@code LDX-Grant}, {@code LDX-Purpose}) and the audit trail records them.
 */
@RequestScoped
public class AccessContext {

    private UUID grantId;
    private String purpose;

    void record(UUID grantId, String purpose) {
        this.grantId = grantId;
        this.purpose = purpose;
    }

    public Optional<UUID> grantId() {
        return Optional.ofNullable(grantId);
    }

    public Optional<String> purpose() {
        return Optional.ofNullable(purpose);
    }
}
