package th.go.mol.ldx.gateway.audit;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;
import th.go.mol.ldx.gateway.db.Sql;

/**
 * Appends entries to the audit chain with group commit: requests queue their entries, one writer per gateway takes
 * whatever is queued (up to {@code ldx.audit.batch-size}), links it to the chain's head, and appends it in one
 * statement that moves the head only if it is still where the writer last saw it (else another replica appended:
 * the writer reads the head again and re-links). The writer's connection commits with
 * {@code synchronous_commit = on} whatever the server's default, so a completed append is on disk; one round trip
 * and one fsync serve the whole batch.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    /** How often a batch is re-linked when other replicas keep appending first, before it is given up. */
    private static final int MAX_RELINKS = 50;

    /** One column per array, in the order of {@link #COLUMNS}; arrays of text cast by PostgreSQL, cheaper than JSON. */
    private static final String APPEND = """
            WITH moved AS (UPDATE audit_head SET seq = ?, hash = ? WHERE seq = ? RETURNING seq)
            INSERT INTO audit_entry (seq, at, kind, action, credential, agency, dataset_id, purpose, grant_id, detail,
                                     records, outcome, trace_id, prev_hash, hash)
            SELECT * FROM unnest(?::text[]::bigint[], ?::text[]::timestamptz[], ?::text[], ?::text[], ?::text[],
                                 ?::text[], ?::text[], ?::text[], ?::text[]::uuid[], ?::text[],
                                 ?::text[]::integer[], ?::text[]::integer[], ?::text[], ?::text[], ?::text[])
            WHERE EXISTS (SELECT FROM moved)
            """;

    private static final int COLUMNS = 15;

    /** The longest the writer lets access entries gather: most of the window is left for the write itself. */
    private static final long MAX_GATHERING_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** How long the writer waits before it writes entries again after a failed write. */
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);


    /**
     * An entry and its request: {@code waits} when the answer waits until it is durable; when it was queued; whether
     * the writer took it from the queue.
     */
    private static final class Pending {

        private final AuditEntry entry;
        private final CompletableFuture<AuditEntry> appended;
        private final boolean waits;
        private final long queuedAt;
        private boolean taken;

        Pending(AuditEntry entry, CompletableFuture<AuditEntry> appended, boolean waits, long queuedAt) {
            this.entry = entry;
            this.appended = appended;
            this.waits = waits;
            this.queuedAt = queuedAt;
        }

        AuditEntry entry() {
            return entry;
        }

        CompletableFuture<AuditEntry> appended() {
            return appended;
        }

        boolean waits() {
            return waits;
        }

        long queuedAt() {
            return queuedAt;
        }

        boolean taken() {
            return taken;
        }

        void take() {
            taken = true;
        }
    }

    private final AgroalDataSource db;
    private final Sql sql;
    private final AuditConfig config;
    /** Bounded: when the database stalls, requests are refused at once rather than piling up in memory. */
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(100_000);
    private volatile boolean running;
    private Thread writer;
    /** The writer's own connection and statement, and the head as the writer last saw it (null: read it again). */
    private Connection connection;
    private PreparedStatement append;
    private Head head;
    /** When the oldest entry the writer holds was queued, while it holds any (else {@link Long#MAX_VALUE}). */
    private volatile long holdingSince = Long.MAX_VALUE;
    /** Queued entries whose answers wait: the writer ends a long pause for them. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** The last write tried: the head it would leave, and its entries. If it failed, it may have committed anyway. */
    private Attempt attempted;

    private record Attempt(Head head, List<Pending> entries) {
    }

    AuditLog(AgroalDataSource db, Sql sql, AuditConfig config) {
        this.db = db;
        this.sql = sql;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.warn("AUDIT IS OFF (ldx.audit.enabled=false): no access is recorded. Only for measuring its cost.");
            return;
        }
        if (config.linger().isNegative() || config.accessWindow().isNegative()) {
            throw new IllegalStateException("ldx.audit.linger and ldx.audit.access-window cannot be negative");
        }
        running = true;
        writer = new Thread(this::run, "ldx-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Stops taking entries, and lets the writer write what it holds and what is queued (up to
     * {@code ldx.audit.write-timeout}): accesses already answered are not lost by a normal stop.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (writer != null) {
            LockSupport.unpark(writer);
            writer.join(config.writeTimeout().toMillis() + 1000);
            if (writer.isAlive()) {
                writer.interrupt();
                writer.join(1000);
            }
        }
        failQueued();
        disconnect();
    }

    /** Queues an entry whose answer waits; it completes with the entry as chained once it is durable, or fails. */
    public CompletableFuture<AuditEntry> append(AuditEntry entry) {
        CompletableFuture<AuditEntry> appended = queue(entry, true, System.nanoTime());
        LockSupport.unpark(writer);
        return appended;
    }

    /**
     * Whether every entry this gateway has not yet made durable was queued less than
     * {@code ldx.audit.access-window} ago: an access is answered without waiting for its entry only then.
     */
    public boolean withinWindow() {
        return withinWindow(System.nanoTime());
    }

    private boolean withinWindow(long now) {
        Pending oldest = queue.peek();
        long since = Math.min(holdingSince, oldest == null ? Long.MAX_VALUE : oldest.queuedAt());
        return since == Long.MAX_VALUE || now - since <= config.accessWindow().toNanos();
    }

    /**
     * Queues the entry of a read whose answer does not wait, if {@link #withinWindow()}; answers whether it was
     * queued. When not, the read is refused, and recorded as refused. An entry queued here is written however long it
     * takes: a write that fails is retried.
     */
    public boolean appendWithinWindow(AuditEntry entry) {
        long now = System.nanoTime();
        if (!withinWindow(now)) {
            queue(entry.unanswered(), false, now);
            return false;
        }
        return !queue(entry, false, now).isCompletedExceptionally();
    }

    /** Queues the entry of an access already carried out (a committed write), without waiting for it. */
    public void appendAnswered(AuditEntry entry) {
        queue(entry, false, System.nanoTime());
    }

    private CompletableFuture<AuditEntry> queue(AuditEntry entry, boolean waits, long now) {
        Pending pending = new Pending(entry, new CompletableFuture<>(), waits, now);
        if (!running || !queue.offer(pending)) {
            pending.appended().completeExceptionally(new IllegalStateException("the audit writer is not taking entries"));
        } else if (waits) {
            waiting.incrementAndGet();
        }
        return pending.appended();
    }

    private void failQueued() {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        long answered = left.stream().filter(p -> !p.waits()).count();
        if (answered > 0) {
            LOG.errorf("%d audit entries of answered accesses could not be written before the gateway stopped", answered);
        }
        left.forEach(p -> p.appended().completeExceptionally(new IllegalStateException("the gateway is stopping")));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            if (batch.isEmpty()) {
                Pending first = next();
                if (first == null) {
                    continue;
                }
                holdingSince = first.queuedAt();
                batch.add(first);
            }
            pause(batch.get(0));
            queue.drainTo(batch, config.batchSize() - batch.size());
            waiting.addAndGet(-(int) batch.stream().filter(Pending::waits).filter(p -> !p.taken()).count());
            batch.forEach(Pending::take);
            try {
                if (!alreadyWritten(batch)) {
                    List<AuditEntry> chained = write(batch);
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).appended().complete(chained.get(i));
                    }
                }
                batch.clear();
                holdingSince = Long.MAX_VALUE;
            } catch (SQLException | RuntimeException | Error e) {
                disconnect();
                // Answers that wait are refused (503); entries already answered are kept and written when it works.
                batch.stream().filter(Pending::waits).forEach(p -> p.appended().completeExceptionally(e));
                batch.removeIf(Pending::waits);
                LOG.warnf("audit entries could not be written (requests answered 503; %d answered entries kept): %s",
                        batch.size(), e.toString());
                if (!running) {
                    failQueued();
                    LOG.errorf("%d audit entries of answered accesses are lost: the gateway is stopping", batch.size());
                    return;
                }
                LockSupport.parkNanos(RETRY_PAUSE_NANOS);
            }
        }
    }

    /** The next queued entry, waiting for one while the gateway runs; null when there is none. */
    private Pending next() {
        try {
            return running ? queue.poll(1, TimeUnit.SECONDS) : queue.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return queue.poll();
        }
    }

    /**
     * Whether the batch of a write that failed was committed all the same (the failure came after the commit, with
     * the answer): the head moved to where that write would have moved it. Its entries are then not written twice.
     */
    private boolean alreadyWritten(List<Pending> batch) throws SQLException {
        Attempt last = attempted;
        if (last == null) {
            return false;
        }
        Head now = head(connection());
        attempted = null;
        if (!now.equals(last.head())) {
            return false;
        }
        head = now;
        batch.removeAll(last.entries());
        return batch.isEmpty();
    }

    /**
     * Lets more entries join the commit (fewer, larger commits cost less per entry): {@code ldx.audit.linger} when an
     * answer waits for it, up to 50 ms (at most a quarter of the access window) when none does, counted from when the
     * first entry was queued, and ended early when an answer starts to wait. One pause, not a wake-up per entry:
     * requests queue meanwhile without signalling the writer. No pause once the gateway is stopping.
     */
    private void pause(Pending first) {
        long linger = config.linger().toNanos();
        long deadline = first.queuedAt() + (first.waits() || waiting.get() > 0 ? linger
                : Math.min(config.accessWindow().toNanos() / 4, MAX_GATHERING_NANOS));
        while (running && queue.size() < config.batchSize() - 1) {
            if (waiting.get() > 0) {
                deadline = Math.min(deadline, System.nanoTime() + linger);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(left);
        }
    }

    /**
     * Appends a batch, re-linking it when another replica appended first. An entry whose request already gave up
     * waiting (and was answered 503) is written with that outcome and no records, as what really happened.
     */
    private List<AuditEntry> write(List<Pending> batch) throws SQLException {
        Connection c = connection();
        for (int attempt = 0; attempt < MAX_RELINKS; attempt++) {
            if (head == null) {
                head = head(c);
            }
            List<AuditEntry> chained = new ArrayList<>(batch.size());
            long seq = head.seq();
            String previous = head.hash();
            String[][] columns = new String[COLUMNS][batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                Pending pending = batch.get(i);
                AuditEntry asked = pending.appended().isDone() ? pending.entry().unanswered() : pending.entry();
                AuditEntry entry = asked.chained(++seq, previous);
                previous = entry.hash();
                chained.add(entry);
                row(entry, columns, i);
            }
            append.setLong(1, seq);
            append.setString(2, previous);
            append.setLong(3, head.seq());
            for (int column = 0; column < COLUMNS; column++) {
                append.setArray(4 + column, c.createArrayOf("text", columns[column]));
            }
            attempted = new Attempt(new Head(seq, previous), List.copyOf(batch));
            if (append.executeUpdate() == batch.size()) {
                attempted = null;
                head = new Head(seq, previous);
                return chained;
            }
            head = null;
        }
        throw new IllegalStateException("other replicas appended " + MAX_RELINKS + " times before this batch could");
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = db.getConnection();
            try (Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                s.execute("SET synchronous_commit = on");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
            // Kept for the connection's life: the driver prepares it on the server once, not at every batch.
            append = c.prepareStatement(APPEND);
            append.setQueryTimeout((int) Math.max(1, config.writeTimeout().toSeconds()));
            head = null;
        }
        return connection;
    }

    private void disconnect() {
        append = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debugf("closing the audit writer's connection: %s", e);
            }
            connection = null;
        }
        head = null;
    }

    private static Head head(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT seq, hash FROM audit_head")) {
            if (!rs.next()) {
                throw new IllegalStateException("the audit head row is missing");
            }
            return new Head(rs.getLong("seq"), rs.getString("hash"));
        }
    }

    private static void row(AuditEntry entry, String[][] columns, int i) {
        columns[0][i] = Long.toString(entry.seq());
        columns[1][i] = entry.at().toString();
        columns[2][i] = entry.kind().stored();
        columns[3][i] = entry.action();
        columns[4][i] = entry.credential();
        columns[5][i] = entry.agency();
        columns[6][i] = entry.datasetId();
        columns[7][i] = entry.purpose();
        columns[8][i] = entry.grantId() == null ? null : entry.grantId().toString();
        columns[9][i] = entry.detail();
        columns[10][i] = entry.records() == null ? null : entry.records().toString();
        columns[11][i] = Integer.toString(entry.outcome());
        columns[12][i] = entry.traceId();
        columns[13][i] = entry.prevHash();
        columns[14][i] = entry.hash();
    }

    /** The last entry of the chain: its sequence and hash (0 and {@link AuditChain#GENESIS} before the first). */
    public record Head(long seq, String hash) {
    }

    public Head head() {
        return sql.one("SELECT seq, hash FROM audit_head", rs -> new Head(rs.getLong("seq"), rs.getString("hash")))
                .orElseThrow(() -> new IllegalStateException("the audit head row is missing"));
    }

    static AuditEntry entry(ResultSet rs) throws SQLException {
        String grant = rs.getString("grant_id");
        return new AuditEntry(rs.getLong("seq"), Sql.instant(rs, "at"), AuditEntry.Kind.ofStored(rs.getString("kind")),
                rs.getString("action"), rs.getString("credential"), rs.getString("agency"), rs.getString("dataset_id"),
                rs.getString("purpose"), grant == null ? null : UUID.fromString(grant), rs.getString("detail"),
                rs.getObject("records", Integer.class), rs.getInt("outcome"), rs.getString("trace_id"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
