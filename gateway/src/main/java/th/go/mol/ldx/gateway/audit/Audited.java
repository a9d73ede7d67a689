package th.go.mol.ldx.gateway.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose every authenticated call is appended to the audit log, whatever its outcome, before the
 * answer leaves ({@link AuditFilter}). {@code action} names the operation in the log, for example
 * {@code records.page} or {@code grant.approve}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    AuditEntry.Kind kind();

    String action();
}
