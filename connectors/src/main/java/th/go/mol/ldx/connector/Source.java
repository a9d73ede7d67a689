package th.go.mol.ldx.connector;

/** A legacy system that LDX reads changes from: a database table or query, a directory of files. */
public interface Source extends AutoCloseable {

    /**
     * Reads what changed since the sink's stored offset and publishes it; answers what the round did. Pauses and
     * shutdowns are honoured between rounds: a JDBC source reads a page per round, a file drop a whole file.
     */
    Round poll(ChangeSink sink) throws Exception;

    /**
     * How far behind the source the dataset is, in seconds, as of the last round: 0 when it found nothing left to
     * read, else how long the oldest change it has not read yet may have waited.
     */
    double lagSeconds();

    @Override
    void close();

    /** Rows read, changes accepted and rejected in a round, and whether there is more to read at once. */
    record Round(long read, long accepted, long rejected, boolean more) {

        public static final Round IDLE = new Round(0, 0, 0, false);
    }
}
