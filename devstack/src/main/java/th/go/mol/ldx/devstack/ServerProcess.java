package th.go.mol.ldx.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server that runs as a child process, its output in a log file. Killing it is how tests simulate a crash. */
final class ServerProcess {

    private final String name;
    private final Path log;
    private final ProcessBuilder builder;
    private Process process;

    ServerProcess(String name, List<String> command, Map<String, String> environment, Path workDir, Path log) {
        this.name = name;
        this.log = log;
        this.builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        this.builder.environment().putAll(environment);
    }

    /** The java launcher of this JVM, so that every server runs on the same runtime as the stack. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs a one-off command (a build, a format) to its end; fails unless it exits 0 in time. */
    void runToCompletion(Duration timeout) {
        start();
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                kill();
                throw new IllegalStateException(name + " did not finish in " + timeout.toSeconds() + " s; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with exit code " + process.exitValue() + "; see " + log);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** SIGKILL, as a crash or an out-of-memory kill would: no shutdown hook, no flush. */
    void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor(10);
        }
    }

    /**
     * Sends a signal (STOP: frozen, connections open and nothing answered; CONT: goes on) to the process and its
     * descendants (a start script may keep the JVM as its child).
     */
    void signal(String signal) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(process.pid())));
        process.descendants().forEach(child -> command.add(Long.toString(child.pid())));
        new ServerProcess("kill -" + signal, command, Map.of(), Path.of("."), Path.of("/dev/null"))
                .runToCompletion(Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL if it does not stop within the grace period. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(20)) {
                kill();
            }
        }
    }

    void requireAlive() {
        if (!isAlive()) {
            throw new IllegalStateException(name + " exited; see " + log);
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
