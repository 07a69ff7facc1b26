package dev.herald.server.message;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.herald.server.core.Json;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Cuts a top-level field's value out of a JSON body as the exact bytes the client sent, so a payload is stored
 * and delivered (and signed) byte for byte, never re-serialised.
 */
final class RawJson {
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory(); // and its shared buffers

    private RawJson() {
    }

    /** The raw bytes of {@code field}'s value in the top-level object {@code body}, if present and not null. */
    static Optional<byte[]> field(byte[] body, String field) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field)) {
                    if (value == JsonToken.VALUE_NULL) {
                        return Optional.empty();
                    }
                    int start = (int) parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    parser.finishToken(); // a string's end is only known once it was read
                    int end = (int) parser.currentLocation().getByteOffset();
                    return Optional.of(Arrays.copyOfRange(body, start, end));
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the bytes are one well-formed JSON value (a rawPayload need not be). */
    static boolean isJson(byte[] bytes) {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
