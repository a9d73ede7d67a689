package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * A record of a request body: as a tree, which is what is validated, and as the exact bytes that were sent (UTF-8
 * JSON, which the parser has checked), which is what PostgreSQL parses and stores. A batch of 10,000 records is then
 * neither written out again to be stored nor to be hashed for its {@code Idempotency-Key}.
 */
@JsonDeserialize(using = SentRecord.Reader.class)
public record SentRecord(ObjectNode tree, byte[] json) {

    /** The deserialization attribute that holds the body being read; the record's bytes are cut from it. */
    static final String BODY = "ldx.body";

    /** Reads a JSON object and keeps the bytes it spans in the body; anything else is the wrong shape. */
    static final class Reader extends JsonDeserializer<SentRecord> {

        @Override
        public SentRecord deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.isExpectedStartObjectToken()) {
                return (SentRecord) context.handleUnexpectedToken(ObjectNode.class, parser);
            }
            if (!(context.getAttribute(BODY) instanceof byte[] body)) {
                throw new IllegalStateException("a request with records is read from its bytes, by BatchRequest.read");
            }
            long start = parser.currentTokenLocation().getByteOffset();
            ObjectNode tree = (ObjectNode) context.readTree(parser);
            long end = parser.currentLocation().getByteOffset();
            if (start < 0) {
                // Jackson reads UTF-16 and UTF-32 as characters, without byte offsets; JSON between systems is UTF-8.
                throw new JsonParseException(parser, "a batch is JSON in UTF-8 (RFC 8259)");
            }
            return new SentRecord(tree, Arrays.copyOfRange(body, (int) start, (int) end));
        }
    }
}
