package dev.herald.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code herald listen TARGET_URL --source SOURCE}: sends every request the source captures from now on to the
 * target with its method, headers (less hop-by-hop ones and the credentials the API withholds) and body bytes,
 * each once and in the order they arrived ({@link RecentlySeen}).
 */
final class SourceRelay {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final int[] WIDTHS = {12, 7, 31, 6, 8};
    private static final String WITHHELD = "[withheld]";

    private final ApiClient api;
    private final TargetPoster target;
    private final PrintWriter out;
    private final boolean json;
    private final Duration interval;

    SourceRelay(ApiClient api, TargetPoster target, PrintWriter out, boolean json, Duration interval) {
        this.api = api;
        this.target = target;
        this.out = out;
        this.json = json;
        this.interval = interval;
    }

    /** Relays until interrupted. */
    void run(String source) throws InterruptedException {
        String requests = "/ingest/api/v1/source/" + ApiClient.encode(source) + "/request";
        RecentlySeen sent = new RecentlySeen(Instant.now(), "receivedAt");
        if (json) {
            out.println(dev.herald.server.core.Json.writeString(Map.of("type", "session", "source", source,
                    "target", target.target().toString())));
        } else {
            out.println("Sending requests captured by source " + source + " to " + target.target());
            out.println(Table.line(new String[] {"TIME", "METHOD", "REQUEST", "STATUS", "DURATION"}, WIDTHS));
        }
        out.flush();
        while (true) {
            List<JsonNode> fresh = sent.unseen(recent(requests, sent));
            for (JsonNode listed : fresh) {
                send(api.get(requests + "/" + listed.path("id").asText() + "/", Map.of()));
            }
            if (fresh.isEmpty()) {
                Thread.sleep(interval);
            }
        }
    }

    /** The captures of the window not yet sent could be in, newest first (the list has no time filter). */
    private List<JsonNode> recent(String requests, RecentlySeen sent) throws InterruptedException {
        List<JsonNode> recent = new ArrayList<>();
        String iterator = null;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", "250");
            if (iterator != null) {
                query.put("iterator", iterator);
            }
            JsonNode page = api.get(requests + "/", query);
            for (JsonNode row : page.path("data")) {
                if (sent.isBeforeWindow(row)) {
                    return recent;
                }
                recent.add(row);
            }
            if (page.path("done").asBoolean(true) || page.path("iterator").isNull()) {
                return recent;
            }
            iterator = page.path("iterator").asText();
        }
    }

    private void send(JsonNode capture) throws InterruptedException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (JsonNode pair : capture.path("headers")) {
            if (!WITHHELD.equals(pair.path(1).asText())) {
                headers.add(new AbstractMap.SimpleImmutableEntry<>(pair.path(0).asText(), pair.path(1).asText()));
            }
        }
        byte[] body = capture.hasNonNull("body") ? Base64.getDecoder().decode(capture.path("body").asText())
                : new byte[0];
        String method = capture.path("method").asText();
        TargetPoster.Answer answer = target.post(method, headers, body);
        String time = TIME.format(Instant.now());
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", "request");
            line.put("time", time);
            line.put("method", method);
            line.put("requestId", capture.path("id").asText());
            line.put("status", answer.status());
            line.put("durationMs", answer.durationMs());
            line.put("error", answer.error());
            out.println(dev.herald.server.core.Json.writeString(line));
        } else {
            out.println(Table.line(new String[] {time, method, capture.path("id").asText(),
                    answer.error() != null ? Styles.bad("error") : Styles.status(answer.status()),
                    answer.durationMs() + " ms" + (answer.error() != null ? "  " + answer.error() : "")}, WIDTHS));
        }
        out.flush();
    }
}
