package th.go.mol.ldx.devstack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a server to become ready, checking that its process is still alive while it waits. */
final class Await {

    private Await() {
    }

    static void until(String what, Duration timeout, Runnable stillAlive, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            stillAlive.run();
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not ready after " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
