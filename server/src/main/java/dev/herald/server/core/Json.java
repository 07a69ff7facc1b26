package dev.herald.server.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one configured Jackson mapper: camelCase records out, RFC 3339 timestamps, nulls omitted. */
public final class Json {
    /**
     * Buffers shared by all threads. Jackson's default pool keeps them per platform thread, and Herald serves and
     * delivers on virtual threads, so every request and every response allocated its own (a few KiB each).
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final com.fasterxml.jackson.core.type.TypeReference<java.util.Map<String, String>> STRING_MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };
    private static final com.fasterxml.jackson.core.type.TypeReference<java.util.List<String>> STRING_LIST =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    private Json() {
    }

    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String writeString(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses stored JSON that Herald wrote itself; a failure here is a bug, not bad input. */
    public static JsonNode readTrusted(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string map Herald stored as JSON (metadata, headers). */
    public static java.util.Map<String, String> readStringMap(String text) {
        if ("{}".equals(text)) {
            return java.util.Map.of(); // the common case, without a parser
        }
        try {
            return MAPPER.readValue(text, STRING_MAP);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A string list Herald stored as JSON, or null for a null column (channels, event types). */
    public static java.util.List<String> readStringList(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readValue(text, STRING_LIST);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
