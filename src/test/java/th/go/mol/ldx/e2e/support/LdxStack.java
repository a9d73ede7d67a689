package th.go.mol.ldx.e2e.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import th.go.mol.ldx.devstack.Devstack;
import th.go.mol.ldx.devstack.StackPorts;

/**
 * Starts one LDX stack (PostgreSQL, Kafka, Keycloak, the packaged gateway) for the whole test run, on free ports,
 * and stops it when the run ends. Test classes opt in with {@code @ExtendWith(LdxStack.class)}.
 */
public final class LdxStack implements BeforeAllCallback {

    private static Devstack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (LdxStack.class) {
            if (stack == null) {
                Devstack started = Devstack.start("e2e", StackPorts.free());
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
