package th.go.mol.ldx.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.LongStream;

/** A real PostgreSQL server (binaries shipped in a Maven jar), with the LDX database and role. */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "ldx";
    public static final String USER = "ldx";
    public static final String PASSWORD = "ldx";

    private final EmbeddedPostgres server;
    private final Path dataDir;
    private final int port;

    private PostgresServer(EmbeddedPostgres server, Path dataDir, int port) {
        this.server = server;
        this.dataDir = dataDir;
        this.port = port;
    }

    static PostgresServer start(Path dataDir, int port) {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "100")
                    .start();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER + " ENCODING 'UTF8'");
            }
            return new PostgresServer(server, dataDir, port);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started but the LDX database could not be created", e);
        }
    }

    /** The postmaster and its children (backends, checkpointer, WAL writer...), for measuring memory. */
    public LongStream pids() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            return LongStream.concat(LongStream.of(postmaster), ProcessHandle.of(postmaster).stream()
                    .flatMap(ProcessHandle::descendants).mapToLong(ProcessHandle::pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
