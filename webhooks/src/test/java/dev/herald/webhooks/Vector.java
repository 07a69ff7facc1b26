package dev.herald.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One signing vector of {@code standard-webhooks-vectors.json}, read with two regular expressions. */
record Vector(String id, long timestamp, byte[] payload, String secret, String signature) {

    private static final Pattern OBJECT = Pattern.compile("\\{[^{}]*}");
    private static final String FIELD = "\"%s\"\\s*:\\s*(?:\"([^\"]*)\"|(-?\\d+))";

    static List<Vector> all() {
        String json = resource("/standard-webhooks-vectors.json");
        String vectors = json.substring(json.indexOf("\"vectors\""));
        return OBJECT.matcher(vectors).results()
                .map(object -> new Vector(
                        field(object.group(), "id"),
                        Long.parseLong(field(object.group(), "timestamp")),
                        Base64.getDecoder().decode(field(object.group(), "payload_base64")),
                        field(object.group(), "secret"),
                        field(object.group(), "signature")))
                .toList();
    }

    private static String field(String object, String name) {
        Matcher matcher = Pattern.compile(FIELD.formatted(name)).matcher(object);
        if (!matcher.find()) {
            throw new IllegalStateException("vector lacks " + name + ": " + object);
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static String resource(String name) {
        try (InputStream in = Vector.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
