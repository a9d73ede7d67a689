package th.go.mol.ldx.gateway.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A page writes each record's time exactly as {@link Instant#toString} would. */
class RecordPagesTest {

    @Test
    void randomInstantsAtEveryPrecisionAreWrittenAsInstantWritesThem() {
        Random random = new Random(20261207);
        long latest = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int n = 0; n < 200_000; n++) {
            long second = Math.floorMod(random.nextLong(), latest);
            int nano = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            assertEquals(instant.toString(), RecordPages.text(instant));
        }
    }

    @Test
    void theEdgesOfTheCalendarAndOfTheFractionAreWrittenAsInstantWritesThem() {
        List.of("1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z", "2000-01-01T00:00:00.000001Z",
                "2000-01-01T00:00:00.100Z", "2000-01-01T00:00:00.000000100Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z", "-0001-12-31T00:00:00Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z")
                .forEach(text -> {
                    Instant instant = Instant.parse(text);
                    assertEquals(instant.toString(), RecordPages.text(instant), text);
                });
    }
}
