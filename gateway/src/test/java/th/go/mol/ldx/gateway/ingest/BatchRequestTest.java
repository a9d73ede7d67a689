package th.go.mol.ldx.gateway.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/** A batch is read from its bytes, and each record is kept exactly as it was sent. */
class BatchRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    private static final List<String> RECORDS = List.of(
            "{\"id\":\"A-1\",\"name\":\"สมหญิง ใจดี\"}",
            "{ \"id\" : \"A-2\",\n  \"nested\": {\"x\": [1, {\"y\": \"}\"}], \"z\": null}, \"quote\": \"\\\"{\\\\\" }",
            "{}");

    @Test
    void eachRecordIsTheBytesItWasSentAs() throws Exception {
        StringBuilder body = new StringBuilder("  {\n \"changes\" : [");
        for (int i = 0; i < RECORDS.size(); i++) {
            body.append(i == 0 ? "" : " ,\n").append("{\"operation\":\"upsert\",\"data\":  ").append(RECORDS.get(i)).append(" }");
        }
        body.append(", {\"operation\": \"delete\", \"key\": \"A-3\"} ]}\n");

        BatchRequest batch = BatchRequest.read(body.toString().getBytes(StandardCharsets.UTF_8), JSON, VALIDATOR);

        assertEquals(4, batch.changes().size());
        for (int i = 0; i < RECORDS.size(); i++) {
            SentRecord sent = batch.changes().get(i).data();
            assertArrayEquals(RECORDS.get(i).getBytes(StandardCharsets.UTF_8), sent.json(), "record " + i);
            assertEquals(JSON.readTree(RECORDS.get(i)), sent.tree(JSON), "record " + i);
        }
        assertNull(batch.changes().get(3).data());
        assertEquals(BatchRequest.Operation.DELETE, batch.changes().get(3).operation());
    }

    @Test
    void recordsAreCutRightAfterAByteOrderMarkAndThroughALongBody() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        body.write("{\"changes\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 2000; i++) {
            body.write(((i == 0 ? "" : ",") + "{\"operation\":\"upsert\",\"data\":{\"id\":\"K-" + i
                    + "\",\"จังหวัด\":\"กรุงเทพมหานคร\"}}").getBytes(StandardCharsets.UTF_8));
        }
        body.write("]}".getBytes(StandardCharsets.UTF_8));

        BatchRequest batch = BatchRequest.read(body.toByteArray(), JSON, VALIDATOR);

        assertEquals(2000, batch.changes().size());
        for (int i = 0; i < 2000; i++) {
            String expected = "{\"id\":\"K-" + i + "\",\"จังหวัด\":\"กรุงเทพมหานคร\"}";
            assertEquals(expected, new String(batch.changes().get(i).data().json(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aBodyInUtf16IsMalformed() {
        byte[] body = "{\"changes\":[{\"operation\":\"upsert\",\"data\":{\"id\":\"A-1\"}}]}"
                .getBytes(StandardCharsets.UTF_16BE);

        // Answered 400 malformed-request, as every body that is not JSON (ProblemMappers).
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> BatchRequest.read(body, JSON, VALIDATOR));

        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void aRecordThatIsNoObjectIsTheWrongShape() {
        byte[] body = "{\"changes\":[{\"operation\":\"upsert\",\"data\":[1]}]}".getBytes(StandardCharsets.UTF_8);

        assertThrows(MismatchedInputException.class, () -> BatchRequest.read(body, JSON, VALIDATOR));
    }

    @Test
    void aRecordThatIsNotJsonIsMalformedThoughItsTreeIsMadeLater() {
        byte[] body = "{\"changes\":[{\"operation\":\"upsert\",\"data\":{\"id\":\"A-1\",\"n\":01}}]}"
                .getBytes(StandardCharsets.UTF_8);

        assertThrows(JsonProcessingException.class, () -> BatchRequest.read(body, JSON, VALIDATOR));
    }

    @Test
    void aRecordWithABadEscapeOrAControlCharacterInATextIsMalformedThoughItsTreeIsMadeLater() {
        for (String text : List.of("\\q", "\\u12", "a\tb")) {
            byte[] body = ("{\"changes\":[{\"operation\":\"upsert\",\"data\":{\"id\":\"A-1\",\"n\":\"" + text
                    + "\"}}]}").getBytes(StandardCharsets.UTF_8);

            assertThrows(JsonProcessingException.class, () -> BatchRequest.read(body, JSON, VALIDATOR), text);
        }
    }

    @Test
    void anEmptyListBreaksTheConstraints() {
        byte[] empty = "{\"changes\":[]}".getBytes(StandardCharsets.UTF_8);

        assertThrows(ConstraintViolationException.class, () -> BatchRequest.read(empty, JSON, VALIDATOR));
    }
}
