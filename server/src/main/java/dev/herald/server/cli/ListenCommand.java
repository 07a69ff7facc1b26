package dev.herald.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import dev.herald.server.listen.ListenerUrl;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code herald listen TARGET_URL --app APP}: relays an application's deliveries to a local URL through one
 * WebSocket to the server. It makes a listener endpoint for the session (or attaches to an existing one), prints
 * its signing secret, keeps the socket open (reconnecting with backoff), posts each delivery to the target and
 * reports the answer back, and deletes the session's endpoint when stopped.
 */
@Command(name = "listen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Receive an application's deliveries on a local URL, through a connection this command "
                + "opens to the server: the server never connects to TARGET_URL. Prints the signing secret the "
                + "deliveries verify with, then one line per delivery. Ctrl-C stops it.",
                "With --source, sends every request an inbound source captures to TARGET_URL instead, with the "
                        + "same method, headers (hop-by-hop ones excepted), body bytes and content type.",
                "The session's endpoint is deleted when it stops (or by the server some minutes after a session "
                        + "ended without it)."},
        footerHeading = "%nExamples:%n",
        footer = {"  herald listen http://localhost:3000/webhooks --app shop",
                "  herald listen http://localhost:3000/webhooks --app shop --event-types order.paid,order.shipped",
                "  herald listen http://localhost:3000/webhooks --app shop --endpoint ep_2KWPBgLlAfxdpx2AI54pPJ85f4W",
                "  herald listen http://localhost:3000/github --source src_2yZwUhtgs5Ai8T9yRQJXAfZUqsE"})
final class ListenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Parameters(index = "0", paramLabel = "TARGET_URL", description = "where each delivery is posted, e.g. "
            + "http://localhost:3000/webhooks")
    URI target;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Subject subject;

    /** What to listen to: an application's deliveries, or the requests an inbound source captures. */
    static final class Subject {
        @Option(names = "--app", paramLabel = "APP", description = "relay this application's deliveries (id or uid)")
        String app;

        @Option(names = "--source", paramLabel = "SOURCE",
                description = "send on every request this inbound source captures (id or uid), byte for byte")
        String source;
    }

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "500ms",
            description = "with --source: how often to ask for new captures (default ${DEFAULT-VALUE})")
    Duration interval;

    private AppOption app;

    @Option(names = "--event-types", split = ",", paramLabel = "TYPE",
            description = "only these event types (a new session endpoint's filter)")
    List<String> eventTypes;

    @Option(names = "--channels", split = ",", paramLabel = "CHANNEL",
            description = "only messages on these channels (a new session endpoint's filter)")
    List<String> channels;

    @Option(names = "--endpoint", paramLabel = "ENDPOINT",
            description = "attach to this existing listener endpoint (URL on " + ListenerUrl.HOST
                    + ") instead of making one for the session; it is kept when the session ends")
    String endpoint;

    @Override
    public Integer call() throws InterruptedException {
        if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme()) || target.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "TARGET_URL must be an http or https URL");
        }
        ApiClient api = server.client();
        if (subject.source != null) {
            new SourceRelay(api, new TargetPoster(target), spec.commandLine().getOut(), server.json, interval)
                    .run(subject.source);
            return 0;
        }
        app = new AppOption();
        app.app = subject.app;
        ListenerOutput output = new ListenerOutput(spec.commandLine().getOut(), server.json);
        CountDownLatch cleanedUp = new CountDownLatch(1);
        Thread hook = stopOnCtrlC(Thread.currentThread(), cleanedUp);
        try {
            return relay(api, output);
        } finally {
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the clean-up above
            }
        }
    }

    /** Ctrl-C interrupts the command and waits (bounded) until it deleted its session endpoint. */
    private static Thread stopOnCtrlC(Thread command, CountDownLatch cleanedUp) {
        Thread hook = new Thread(() -> {
            command.interrupt();
            try {
                cleanedUp.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "herald-listen-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private int relay(ApiClient api, ListenerOutput output) throws InterruptedException {
        Session session = open(api, output);
        RelayConnection relay = new RelayConnection(api, new TargetPoster(target), output);
        Duration backoff = RelayConnection.FIRST_BACKOFF;
        try {
            while (true) {
                RelayConnection.Outcome outcome = relay.run(app.path(), session.endpointId());
                switch (outcome) {
                    case CONNECTED_THEN_CLOSED -> backoff = RelayConnection.FIRST_BACKOFF;
                    case ENDPOINT_GONE -> {
                        if (endpoint != null) {
                            spec.commandLine().getErr().println("herald: endpoint " + endpoint + " was deleted");
                            return 1;
                        }
                        session = open(api, output);
                        continue;
                    }
                    case REFUSED -> backoff = RelayConnection.next(backoff);
                }
                output.reconnecting(backoff);
                Thread.sleep(backoff);
            }
        } finally {
            if (session.owned()) {
                closeQuietly(api, session.endpointId());
            }
        }
    }

    /** The endpoint this session listens on, and whether it was made for it (and is deleted at the end). */
    private record Session(String endpointId, boolean owned) {
    }

    private Session open(ApiClient api, ListenerOutput output) throws InterruptedException {
        Session session;
        if (endpoint != null) {
            JsonNode existing = api.get(app.path() + "/endpoint/" + ApiClient.encode(endpoint) + "/", Map.of());
            if (!ListenerUrl.isListener(existing.path("url").asText())) {
                throw new ApiClient.Failure(0, "endpoint " + endpoint + " is not a listener endpoint (its URL must "
                        + "be on " + ListenerUrl.HOST + "); leave out --endpoint to make one for this session");
            }
            session = new Session(existing.path("id").asText(), false);
        } else {
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("url", ListenerUrl.SESSION_PREFIX + UUID.randomUUID());
            created.put("description", "herald listen " + target);
            if (eventTypes != null) {
                created.put("filterTypes", eventTypes);
            }
            if (channels != null) {
                created.put("channels", channels);
            }
            session = new Session(api.post(app.path() + "/endpoint/", created).path("id").asText(), true);
        }
        String secret = api.get(app.path() + "/endpoint/" + session.endpointId() + "/secret/", Map.of())
                .path("key").asText();
        output.session(session.endpointId(), secret, target);
        return session;
    }

    private void closeQuietly(ApiClient api, String endpointId) {
        try {
            api.send("DELETE", app.path() + "/endpoint/" + endpointId + "/", null, Map.of());
        } catch (ApiClient.Failure | InterruptedException e) {
            spec.commandLine().getErr().println("herald: the session endpoint " + endpointId
                    + " was not deleted (" + e.getMessage() + "); the server deletes it within minutes");
        }
    }

    /** What listen prints: the session, then a line per delivery; JSON lines with --json. */
    static final class ListenerOutput {
        private static final int[] WIDTHS = {12, 24, 31, 6, 8};
        private final PrintWriter out;
        private final boolean json;

        ListenerOutput(PrintWriter out, boolean json) {
            this.out = out;
            this.json = json;
        }

        synchronized void session(String endpointId, String secret, URI target) {
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("type", "session");
                line.put("endpointId", endpointId);
                line.put("secret", secret);
                line.put("target", target.toString());
                out.println(Json.writeString(line));
            } else {
                out.println("Relaying deliveries to " + target + " through endpoint " + endpointId);
                out.println("Signing secret: " + secret);
                out.println(Table.line(new String[] {"TIME", "EVENT TYPE", "MESSAGE", "STATUS", "DURATION"}, WIDTHS));
            }
            out.flush();
        }

        synchronized void delivered(String time, String eventType, String msgId, TargetPoster.Answer answer) {
            if (json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("type", "delivery");
                line.put("time", time);
                line.put("eventType", eventType);
                line.put("msgId", msgId);
                line.put("status", answer.status());
                line.put("durationMs", answer.durationMs());
                line.put("error", answer.error());
                out.println(Json.writeString(line));
            } else {
                out.println(Table.line(new String[] {time, eventType, msgId,
                        answer.error() != null ? Styles.bad("error") : Styles.status(answer.status()),
                        answer.durationMs() + " ms" + (answer.error() != null ? "  " + answer.error() : "")}, WIDTHS));
            }
            out.flush();
        }

        synchronized void reconnecting(Duration after) {
            if (!json) {
                out.println(Styles.dim("connection to the server lost; reconnecting in " + after.toMillis() + " ms"));
                out.flush();
            }
        }
    }
}
