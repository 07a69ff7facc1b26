package dev.herald.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawJsonTest {
    private static String field(String body, String name) {
        return RawJson.field(body.getBytes(StandardCharsets.UTF_8), name)
                .map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void keepsThePayloadBytesExactlyAsSent() {
        String payload = "{ \"b\" : 1.50, \"a\":\"\\u00e9\",\"n\":[1,  2] }";
        assertThat(field("{\"eventType\":\"x\",\"payload\":" + payload + ",\"z\":1}", "payload")).isEqualTo(payload);
    }

    @Test
    void extractsScalarsAndArrays() {
        assertThat(field("{\"payload\":\"just a string\"}", "payload")).isEqualTo("\"just a string\"");
        assertThat(field("{\"payload\":[1,2,3]}", "payload")).isEqualTo("[1,2,3]");
        assertThat(field("{\"payload\":12.000}", "payload")).isEqualTo("12.000");
    }

    @Test
    void ignoresNestedFieldsWithTheSameName() {
        assertThat(field("{\"x\":{\"payload\":1},\"payload\":2}", "payload")).isEqualTo("2");
    }

    @Test
    void treatsNullAndAbsentAsMissing() {
        assertThat(field("{\"payload\":null}", "payload")).isNull();
        assertThat(field("{\"other\":1}", "payload")).isNull();
    }

    @Test
    void tellsJsonFromOtherText() {
        assertThat(RawJson.isJson("{\"a\":1}".getBytes())).isTrue();
        assertThat(RawJson.isJson("not json".getBytes())).isFalse();
        assertThat(RawJson.isJson("{} {}".getBytes())).isFalse();
    }
}
