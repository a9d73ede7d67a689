package th.go.mol.ldx.gateway.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static final ObjectMapper JSON = strict();

    @Test
    void numbersAreReadExactlyAndWrittenOutInFullAsPostgresqlWritesThem() throws Exception {
        JsonNode read = JSON.readTree("{\"big\":1e400,\"small\":-1E-400,\"scaled\":1.50,"
                + "\"long\":0.12345678901234567890123,\"whole\":1.0e2,\"integer\":123456789012345678901234567890}");

        // What PostgreSQL answers for the same jsonb (SELECT '{"big": 1e400, ...}'::jsonb): no exponent, scale kept.
        assertEquals("{\"big\":1" + "0".repeat(400) + ",\"small\":-0." + "0".repeat(399) + "1,\"scaled\":1.50,"
                + "\"long\":0.12345678901234567890123,\"whole\":100,\"integer\":123456789012345678901234567890}",
                JSON.writeValueAsString(read));
    }

    @Test
    void theWrittenLengthOfANumberIsThatOfItsPlainText() {
        Random random = new Random(7);
        for (String text : List.of("0", "0.00", "0e5", "-0.0", "1.50", "1e5", "-1e-5", "123.456", "-123456e3",
                "1e999")) {
            BigDecimal value = new BigDecimal(text);
            assertEquals(value.toPlainString().length(), StrictJson.writtenLength(value), text);
        }
        for (int i = 0; i < 20_000; i++) {
            BigDecimal value = new BigDecimal(new BigInteger(random.nextInt(200), random), random.nextInt(400) - 200);
            value = random.nextBoolean() ? value.negate() : value;
            assertEquals(value.toPlainString().length(), StrictJson.writtenLength(value), value.toString());
        }
    }

    @Test
    void aNumberLongerThanPostgresqlAndJacksonTakeWrittenOutInFullCannotBeStored() throws Exception {
        assertNull(StrictJson.unstorable(JSON.readTree("1e999")));
        assertNull(StrictJson.unstorable(JSON.readTree("-0." + "0".repeat(996) + "1")));
        assertNull(StrictJson.unstorable(JSON.readTree(Long.toString(Long.MIN_VALUE))));
        assertTrue(StrictJson.unstorable(JSON.readTree("1e1000")).startsWith("is a number of more than 1,000"));
        assertTrue(StrictJson.unstorable(JSON.readTree("1e-999")).startsWith("is a number of more than 1,000"));
        assertTrue(StrictJson.unstorable(JSON.readTree("1e131072")).startsWith("is a number of more than 1,000"));
        assertTrue(StrictJson.unstorable(JsonNodeFactory.instance.numberNode(BigInteger.TEN.pow(1000)))
                .startsWith("is a number of more than 1,000"));
        assertEquals("is not a finite number",
                StrictJson.unstorable(JsonNodeFactory.instance.numberNode(Double.POSITIVE_INFINITY)));
    }

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }
}
