package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Arrays;

/**
 * A record of a request body as the exact bytes that were sent (a UTF-8 JSON object, which the parser has checked):
 * what PostgreSQL parses and stores, so a batch of 10,000 records is neither written out again to be stored nor to
 * be hashed for its {@code Idempotency-Key}. Its tree, which is what is validated, is made when the record is
 * checked, one record at a time: a batch whose every tree lived as long as the batch made the collector copy them
 * all at each young collection (ADR 011).
 */
@JsonDeserialize(using = SentRecord.Reader.class)
public record SentRecord(byte[] json) {

    /** The deserialization attribute that holds the body being read; the record's bytes are cut from it. */
    static final String BODY = "ldx.body";

    /** The record as a tree, read by the mapper that read the body. */
    ObjectNode tree(ObjectMapper mapper) throws IOException {
        return (ObjectNode) mapper.readTree(json);
    }

    /**
     * Reads a JSON object, every token of it checked as the parser checks any body, and keeps the bytes it spans in
     * the body; anything else is the wrong shape.
     */
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
            parser.skipChildren();
            long end = parser.currentLocation().getByteOffset();
            if (start < 0) {
                // Jackson reads UTF-16 and UTF-32 as characters, without byte offsets; JSON between systems is UTF-8.
                throw new JsonParseException(parser, "a batch is JSON in UTF-8 (RFC 8259)");
            }
            return new SentRecord(Arrays.copyOfRange(body, (int) start, (int) end));
        }
    }
}
