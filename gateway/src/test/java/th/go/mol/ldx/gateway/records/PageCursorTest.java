package th.go.mol.ldx.gateway.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

class PageCursorTest {

    @Test
    void cursorCarriesAnyKeyBackUnchangedAndIsSafeInAUrl() {
        for (String key : new String[] {"SSO-00000001", "กรุงเทพ/10?x=1&y", " spaced key "}) {
            String cursor = PageCursor.after(key);
            assertTrue(cursor.matches("[A-Za-z0-9_-]+"), cursor);
            assertEquals(key, PageCursor.keyOf(cursor));
        }
    }

    @Test
    void cursorThatNoPageGaveIsAClientError() {
        ProblemException e = assertThrows(ProblemException.class, () -> PageCursor.keyOf("%%%"));
        assertEquals(ProblemType.INVALID_PARAMETER, e.type());
    }
}
