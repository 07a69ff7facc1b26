package dev.herald.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald tail}: prints delivery attempts as they are made. It polls the attempt log of each endpoint for the
 * attempts since shortly before the newest one printed, and prints those it has not printed yet.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print an application's delivery attempts as they are made, until Ctrl-C.",
        footerHeading = "%nExamples:%n",
        footer = {"  herald tail --app shop",
                "  herald tail --app shop --endpoint ep_2KWPBgLlAfxdpx2AI54pPJ85f4W --json | jq .responseStatusCode"})
final class TailCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final int[] WIDTHS = {12, 4, 7, 20, 31, 30, 8};

    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Mixin
    AppOption app;

    @Option(names = "--endpoint", paramLabel = "ENDPOINT", description = "only this endpoint's attempts (id or uid)")
    String endpoint;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "how often to ask the server (default ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--count", paramLabel = "N", description = "stop after N attempts instead of at Ctrl-C")
    Integer count;

    /** The attempts printed so far, per endpoint. */
    private final Map<String, RecentlySeen> shown = new HashMap<>();
    private final Instant started = Instant.now();
    private int printed;

    @Override
    public Integer call() throws InterruptedException {
        ApiClient api = server.client();
        String appPath = app.path();
        List<String> endpoints = endpoints(api, appPath);
        PrintWriter out = spec.commandLine().getOut();
        if (!server.json) {
            out.println(Table.line(new String[] {"TIME", "CODE", "STATUS", "EVENT TYPE", "MESSAGE", "ENDPOINT",
                    "DURATION"}, WIDTHS));
            out.flush();
        }
        while (count == null || printed < count) {
            for (String id : endpoints) {
                for (JsonNode attempt : newAttempts(api, appPath, id)) {
                    print(out, attempt);
                }
            }
            if (count != null && printed >= count) {
                break;
            }
            Thread.sleep(interval);
            if (endpoint == null) {
                endpoints = endpoints(api, appPath);
            }
        }
        return 0;
    }

    private List<String> endpoints(ApiClient api, String appPath) throws InterruptedException {
        if (endpoint != null) {
            return List.of(api.get(appPath + "/endpoint/" + ApiClient.encode(endpoint) + "/", Map.of())
                    .path("id").asText());
        }
        return api.listAll(appPath + "/endpoint/", Map.of()).stream().map(e -> e.path("id").asText()).toList();
    }

    /** The endpoint's attempts not printed yet, oldest first. */
    private List<JsonNode> newAttempts(ApiClient api, String appPath, String endpointId) throws InterruptedException {
        RecentlySeen seen = shown.computeIfAbsent(endpointId, id -> new RecentlySeen(started, "timestamp"));
        Map<String, String> query = new LinkedHashMap<>();
        query.put("with_msg", "true");
        query.put("with_content", "false");
        query.put("after", seen.since().toString());
        return seen.unseen(api.listAll(appPath + "/attempt/endpoint/" + endpointId + "/", query));
    }

    private void print(PrintWriter out, JsonNode attempt) {
        printed++;
        if (server.json) {
            out.println(Json.writeString(attempt));
        } else {
            int code = attempt.path("responseStatusCode").asInt();
            String status = attempt.path("statusText").asText();
            out.println(Table.line(new String[] {
                    TIME.format(Instant.parse(attempt.path("timestamp").asText())),
                    Styles.status(code),
                    status.equals("success") ? Styles.good(status) : Styles.bad(status),
                    attempt.path("msg").path("eventType").asText(),
                    attempt.path("msgId").asText(),
                    attempt.path("endpointId").asText(),
                    attempt.path("responseDurationMs").asLong() + " ms"}, WIDTHS));
        }
        out.flush();
    }
}
