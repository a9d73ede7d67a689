package th.go.mol.ldx.gateway.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void onlyAnAnswerThatCouldNotBeWrittenIsACutOffAndAnyOtherFailureAFault() {
        // What the answer's stream throws when its connection closed under it.
        assertTrue(ProblemMappers.writing(new IOException("Failed to write", new IOException("Connection closed"))));
        // A database connection lost half-way through an export, as Sql wraps it.
        assertFalse(ProblemMappers.writing(new IllegalStateException("SQL failed",
                new SQLException("An I/O error occurred while sending to the backend", "08006",
                        new IOException("Connection reset")))));
        assertFalse(ProblemMappers.writing(new UncheckedIOException(new IOException("a stored text unreadable"))));
        assertFalse(ProblemMappers.writing(new JsonParseException(null, "not JSON")));
    }
}
