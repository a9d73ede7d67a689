package th.go.mol.ldx.gateway.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EntityTagTest {

    private static final String TAG = EntityTag.of("{\"key\":\"A-1\"}".getBytes(StandardCharsets.UTF_8));

    @Test
    void aTagIsAQuotedDigestOfTheBytesAndPinned() {
        assertEquals("\"JeGvdecbuLKZM9-uOl8OLw\"", TAG);
        assertNotEquals(TAG, EntityTag.of("{\"key\":\"A-2\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ifNoneMatchNamesTheTagWeaklyInAListOrWithAStar() {
        assertTrue(EntityTag.noneMatchFails(TAG, TAG));
        assertTrue(EntityTag.noneMatchFails("W/" + TAG, TAG));
        assertTrue(EntityTag.noneMatchFails("\"x\" , " + TAG, TAG));
        assertTrue(EntityTag.noneMatchFails(" * ", TAG));
        assertFalse(EntityTag.noneMatchFails(null, TAG));
        assertFalse(EntityTag.noneMatchFails("\"x\", W/\"y\"", TAG));
        assertFalse(EntityTag.noneMatchFails(TAG.replace("\"", ""), TAG));
    }
}
