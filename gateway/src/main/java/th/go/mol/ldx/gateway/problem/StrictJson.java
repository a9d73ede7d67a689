package th.go.mol.ldx.gateway.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A body member of the wrong JSON type is the client's mistake, answered 400, not guessed at. Jackson would read
 * {@code {"reason": 123}} as the text "123" and {@code {"validFrom": 123}} as 123 seconds after 1970. Here numbers
 * and booleans are not text, text is not a number or a boolean, and an instant is ISO-8601 text only. A text
 * holding a lone UTF-16 surrogate (a JSON escape of U+D800 to U+DFFF without its pair) is refused too: it is not
 * Unicode, and stored as UTF-8 it would silently become "?". So is a NUL character, which PostgreSQL cannot store
 * and a trim would silently drop.
 *
 * <p>A number is read exactly ({@link BigDecimal}, its trailing zeros kept) and written out in full, without an
 * exponent, as PostgreSQL writes it: read as a double, {@code 1e400} became the text "Infinity" in a record,
 * {@code 1e-400} zero, and the 18th digit of {@code 0.123456789012345678} was lost. A number longer than
 * {@link #MAX_NUMBER_LENGTH} written out in full is refused (see {@link #unstorable(JsonNode)}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    @SuppressWarnings("deprecation")
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean}) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        SimpleModule strict = new SimpleModule("ldx-strict-json")
                .addDeserializer(String.class, new WellFormedText())
                .addDeserializer(Instant.class, new InstantText());
        strict.setDeserializerModifier(new BeanDeserializerModifier() {
            // Jackson trims an enum's text before it looks it up, and a trim drops a NUL: check the text as sent.
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new StorableEnum(deserializer);
            }
        });
        mapper.registerModule(strict);
    }

    /** After Quarkus's own customizers, so that these deserializers replace the defaults. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    /**
     * The most characters a number may take written out in full: PostgreSQL writes numbers so (a 9-character
     * {@code 1e131071} as 131,072 digits, and {@code 1e131072} it refuses), and Jackson reads no number longer than
     * this ({@code StreamReadConstraints}), so a stored record always reads back.
     */
    public static final int MAX_NUMBER_LENGTH = 1000;

    /** Why a number cannot be stored as it is (too long written out in full), or null when it can. */
    public static String unstorable(JsonNode number) {
        if (number.isFloatingPointNumber() && !number.isBigDecimal() && !Double.isFinite(number.doubleValue())) {
            return "is not a finite number";
        }
        if (number.isInt() || number.isLong() || number.isShort()) {
            return null;
        }
        return writtenLength(number.decimalValue()) > MAX_NUMBER_LENGTH
                ? "is a number of more than " + String.format("%,d", MAX_NUMBER_LENGTH) + " characters written out"
                        + " in full (without an exponent, as PostgreSQL stores numbers)"
                : null;
    }

    /** The characters of {@link BigDecimal#toPlainString}, counted without writing it. */
    static long writtenLength(BigDecimal value) {
        if (value.signum() == 0 && value.scale() < 0) {
            return 1;
        }
        long digits = value.precision();
        long scale = value.scale();
        long length = scale <= 0 ? digits - scale : scale >= digits ? scale + 2 : digits + 1;
        return value.signum() < 0 ? length + 1 : length;
    }

    /** Why a text cannot be stored as it is (a NUL, an unpaired surrogate), or null when it can. */
    public static String unstorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "holds a NUL character (\\u0000), which no LDX text may contain";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "holds a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape), which is not Unicode text";
            }
        }
        return null;
    }

    private static final class WellFormedText extends StdScalarDeserializer<String> {

        WellFormedText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            String fault = text == null ? null : unstorable(text);
            if (fault != null) {
                return (String) context.handleWeirdStringValue(String.class, text.replace('\0', '?'), fault);
            }
            return text;
        }
    }

    private static final class InstantText extends StdScalarDeserializer<Instant> {

        InstantText() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String fault = unstorable(parser.getText());
            if (fault != null) {
                return (Instant) context.handleWeirdStringValue(Instant.class, parser.getText().replace('\0', '?'), fault);
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }

    private static final class StorableEnum extends DelegatingDeserializer {

        StorableEnum(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new StorableEnum(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                String fault = unstorable(parser.getText());
                if (fault != null) {
                    return context.handleWeirdStringValue(handledType(), parser.getText().replace('\0', '?'), fault);
                }
            }
            return super.deserialize(parser, context);
        }
    }
}
