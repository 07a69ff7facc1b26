package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.testing.Api;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of every route the router has, on both stores: random path parameters (real ids and
 * arbitrary text), random query parameters, and random JSON bodies (biased to the field names Herald reads) or
 * bytes that are not JSON. Whatever comes in, Herald never answers 5xx, never shows a stack trace, and every 4xx
 * is Svix's error body.
 */
class RouteFuzzTest {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final List<String> FIELDS = List.of("name", "uid", "url", "eventType", "payload", "channels", "tags",
            "filterTypes", "description", "rateLimit", "throttleRate", "secret", "key", "headers", "metadata",
            "disabled", "version", "expiry", "since", "until", "featureFlag", "featureFlags", "schemas", "archived",
            "deprecated", "type", "config", "eventId", "payloadRetentionPeriod", "payloadRetentionHours",
            "deliverAt", "application", "capabilities", "sessionId", "transformationsParams", "rawPayload",
            "sensitive", "groupName", "spec", "dryRun", "replaceAll");
    private static final List<String> QUERY_KEYS = List.of("limit", "iterator", "before", "after", "status",
            "status_code_class", "event_types", "channel", "tag", "with_content", "expunge", "get_if_exists",
            "include_archived", "order", "with_msg", "endpoint_id");
    private static final List<String> TRICKY = List.of("", " ", "-1", "0", "99999999999999999999", "1e309", "NaN",
            "null", "2026-12-01T00:00:00Z", "1970-01-01", "whsec_AAAA", "whsec_!!", "http://127.0.0.1:9/x",
            "https://", "ftp://x", "a.b", "../..", "%00", "\u0000", "<script>", "\uD800", "ü", "app_", "msg_",
            "-" , "a".repeat(300));
    private static final Map<StoreKind, TestHerald> SERVERS = new EnumMap<>(StoreKind.class);
    private static final Map<StoreKind, Map<String, String>> IDS = new EnumMap<>(StoreKind.class);

    /** One request: which route and store, the values for its path parameters, its query and its body. */
    record Call(StoreKind store, Router.Entry route, String method, List<String> pathValues, Map<String, String> query,
                Object body) {
    }

    @BeforeContainer
    static void startServers() {
        for (StoreKind store : StoreKind.values()) {
            TestHerald server = TestHerald.start(store);
            SERVERS.put(store, server);
            Api admin = server.api();
            admin.post("/api/v1/event-type", Map.of("name", "user.created", "description", "a user"));
            String app = admin.post("/api/v1/app", Map.of("name", "Fuzzed", "uid", "fuzzed")).json().get("id").asText();
            String endpoint = admin.post("/api/v1/app/" + app + "/endpoint", Map.of("url", "http://127.0.0.1:9/hook"))
                    .json().get("id").asText();
            String message = admin.post("/api/v1/app/" + app + "/msg", Map.of("eventType", "user.created",
                    "payload", Map.of("id", 1))).json().get("id").asText();
            IDS.put(store, Map.of("app_id", app, "endpoint_id", endpoint, "msg_id", message,
                    "event_type_name", "user.created"));
        }
    }

    @AfterContainer
    static void stopServers() {
        SERVERS.values().forEach(TestHerald::close);
        SERVERS.clear();
    }

    @Property(tries = 400)
    void noInputMakesAnyRouteFailOrLeakItsInsides(@ForAll("calls") Call call) {
        TestHerald server = SERVERS.get(call.store());
        Api.Response answer = server.api().send(call.method(), path(call), call.body());
        String seen = call.method() + " " + path(call) + " body=" + call.body() + " -> " + answer.status() + " "
                + abbreviate(answer.body());

        assertThat(answer.status() < 500 || answer.status() == 501 && "not_implemented".equals(code(answer)))
                .as("no 5xx: %s", seen).isTrue();
        assertThat(answer.body()).as("no stack trace: %s", seen).doesNotContain("\tat ").doesNotContain("Exception");
        if (answer.status() >= 400 && !call.method().equals("HEAD")) {
            assertThat(isSvixErrorBody(answer.json())).as("Svix error body: %s", seen).isTrue();
        }
    }

    /** Found by this property on PostgreSQL, whose text cannot hold NUL: a 500 from the store, now a 400. */
    @Example
    void aNulCharacterInAQueryParameterIsRefused() {
        for (TestHerald server : SERVERS.values()) {
            Api.Response answer = server.api().get("/api/v1/app?iterator=%00");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(isSvixErrorBody(answer.json())).isTrue();
        }
    }

    @Example
    void aNulCharacterInAStoredStringIsRefused() {
        for (TestHerald server : SERVERS.values()) {
            Api.Response answer = server.api().post("/api/v1/app", "{\"name\": \"a\\u0000b\"}");

            assertThat(answer.status()).isEqualTo(422);
            assertThat(answer.body()).contains("NUL");
        }
    }

    @Provide
    Arbitrary<Call> calls() {
        List<Router.Entry> routes = SERVERS.get(StoreKind.SQLITE).herald().routes();
        Arbitrary<String> pathValue = Arbitraries.oneOf(Arbitraries.of("REAL"), Arbitraries.of(TRICKY),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(24));
        Arbitrary<Map<String, String>> query = Arbitraries.maps(Arbitraries.of(QUERY_KEYS),
                Arbitraries.oneOf(Arbitraries.of(TRICKY), Arbitraries.integers().between(-5, 300).map(String::valueOf),
                        Arbitraries.strings().ofMaxLength(12))).ofMaxSize(3);
        Arbitrary<Object> body = Arbitraries.frequencyOf(
                Tuple.of(6, json(3)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(60).map(text -> (Object) text)),
                Tuple.of(1, Arbitraries.just("{\"unterminated\": ")),
                Tuple.of(1, Arbitraries.just(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1})));
        Arbitrary<String> anyMethod = Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
        return Combinators.combine(Arbitraries.of(StoreKind.values()), Arbitraries.of(routes), anyMethod,
                        pathValue.list().ofSize(4), query, body.injectNull(0.1))
                .as((store, route, method, values, q, b) -> new Call(store, route,
                        route.method().equals("*") ? method : route.method(), values, q, b));
    }

    /** Arbitrary JSON: objects keyed mostly by the field names Herald reads, with values of every JSON type. */
    private static Arbitrary<Object> json(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(TRICKY).map(s -> (Object) s),
                Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(FIELDS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
        return Arbitraries.frequencyOf(
                Tuple.of(2, leaf),
                Tuple.of(1, json(depth - 1).list().ofMaxSize(4).map(l -> (Object) l)),
                Tuple.of(4, Arbitraries.maps(key, json(depth - 1)).ofMaxSize(6).map(m -> (Object) m)));
    }

    private static String path(Call call) {
        Map<String, String> ids = IDS.get(call.store());
        int[] next = {0};
        String path = PARAM.matcher(call.route().pattern()).replaceAll(m -> {
            String value = call.pathValues().get(next[0]++ % call.pathValues().size());
            String real = ids.getOrDefault(m.group(1), "x");
            return java.util.regex.Matcher.quoteReplacement(value.equals("REAL") ? real : encode(value));
        });
        if (call.query().isEmpty()) {
            return path;
        }
        return path + "?" + call.query().entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean isSvixErrorBody(JsonNode json) {
        if (json.path("code").isTextual() && json.path("detail").isTextual()) {
            return true;
        }
        JsonNode detail = json.path("detail");
        if (!detail.isArray() || detail.isEmpty()) {
            return false;
        }
        for (JsonNode error : detail) {
            if (!error.path("loc").isArray() || !error.path("msg").isTextual() || !error.path("type").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String code(Api.Response answer) {
        return answer.json().path("code").asText(null);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
