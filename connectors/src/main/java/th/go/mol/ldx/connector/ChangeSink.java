package th.go.mol.ldx.connector;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a source publishes: the gateway's validation, change log and outbox, for one connector and its dataset.
 * The offset a source passes is stored in the same transaction as the changes it covers, so that after a restart the
 * source resumes exactly after what was published.
 */
public interface ChangeSink {

    /** The dataset's key field: a change's key is the record's value of it. */
    String keyField();

    /** The type of each field the dataset's schema declares, for sources that read text. */
    Map<String, FieldType> fieldTypes();

    /** The offset stored with the last publish, in the source's own format. */
    Optional<String> offset();

    /**
     * Applies the valid changes and stores the offset, in one transaction; answers how many were applied and why the
     * others were not. {@code unreadable} are the rows the source could not make a change of (a cell that is no
     * date, a row without a key): they are counted and kept with the rejects. A null offset keeps the stored one.
     */
    Published publish(List<SourceChange> changes, List<Rejection> unreadable, String offset);

    /** Why each invalid change would be rejected, applying nothing: for sources whose input is all or nothing. */
    List<Rejection> check(List<SourceChange> changes);

    /** Starts a full snapshot of the dataset: afterwards every record whose key was not {@link Snapshot#seen} is deleted. */
    Snapshot snapshot();

    /** A full reading of the source, under way. */
    interface Snapshot {

        /** Keys the source holds; call for every record it read, in any number of calls. */
        void seen(Collection<String> keys);

        /** Deletes the records whose keys were not seen and stores the offset; answers how many were deleted. */
        int finish(String offset);
    }

    /** A change with where it came from in the source (a row number, a key), for rejects. */
    record SourceChange(RecordChange change, String origin) {

        /** A publish changes each record once: of changes to the same key, the last read wins, in reading order. */
        public static List<SourceChange> lastOfEachKey(List<SourceChange> changes) {
            Map<String, SourceChange> last = new LinkedHashMap<>();
            for (SourceChange change : changes) {
                last.remove(change.change().key());
                last.put(change.change().key(), change);
            }
            return List.copyOf(last.values());
        }
    }

    /**
     * What a publish did: the changes applied (valid), those of them that changed a record (an event each; a row
     * read again as it was changes nothing), and a rejection per fault of the others (a row may have several).
     */
    record Published(int accepted, int changed, List<Rejection> rejections) {
    }

    /** Why a change was not applied: its origin, the field at fault (or empty for the whole row), the reason. */
    record Rejection(String origin, String field, String reason) {
    }
}
