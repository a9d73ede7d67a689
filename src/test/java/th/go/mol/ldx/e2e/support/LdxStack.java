package th.go.mol.ldx.e2e.support;

import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import th.go.mol.ldx.devstack.Devstack;
import th.go.mol.ldx.devstack.StackPorts;

/**
 * Starts one LDX stack (PostgreSQL, Kafka, Keycloak, the packaged gateway) for the whole test run, on free ports,
 * and stops it when the run ends. Test classes opt in with {@code @ExtendWith(LdxStack.class)}.
 */
public final class LdxStack implements BeforeAllCallback {

    /** Most changes in a batch: fewer than in production, so that a test exceeds it cheaply. */
    public static final int BATCH_MAX_CHANGES = 2000;

    private static Devstack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (LdxStack.class) {
            if (stack == null) {
                // Small batches and back-fill chunks: every catch-up and back-fill in the tests takes many Kafka
                // transactions, so that the seams between them are tested, not only the first. Audit checkpoints
                // every second, so that a test sees one published without waiting for the production interval; the
                // last use of credentials written every second; a Keycloak that does not answer in 2 s is unavailable.
                Devstack started = Devstack.start("e2e", StackPorts.free(), Map.of("LDX_EVENTS_BATCH_SIZE", "50",
                        "LDX_EVENTS_BACKFILL_CHUNK", "40", "LDX_AUDIT_CHECKPOINT_INTERVAL", "1s",
                        "LDX_CREDENTIALS_LAST_USE_INTERVAL", "1s", "LDX_CREDENTIALS_KEYCLOAK_TIMEOUT", "2s",
                        "LDX_INGEST_BATCH_MAX_CHANGES", String.valueOf(BATCH_MAX_CHANGES)));
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(LdxStack.class.getName(),
                        (AutoCloseable) () -> {
                            started.close();
                            stack = null;
                        });
                stack = started;
            }
        }
    }

    public static Devstack stack() {
        if (stack == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(LdxStack.class)");
        }
        return stack;
    }
}
