package dev.herald.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code herald send}: creates a message through the API and prints its id. */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create a message for an application and print its id (msg_...). The payload is --data, "
                + "--data-file, or the JSON on stdin.",
        footerHeading = "%nExamples:%n",
        footer = {"  herald send --app shop --event-type order.paid --data '{\"amount\": 4200}'",
                "  herald send --app shop --event-type order.paid --data-file order.json --channels eu",
                "  jq -n '{amount: 4200}' | herald send --app shop --event-type order.paid --json"})
final class SendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServerOptions server;

    @Mixin
    AppOption app;

    @Option(names = "--event-type", required = true, paramLabel = "TYPE", description = "the event type")
    String eventType;

    @ArgGroup(exclusive = true)
    Payload payload;

    static final class Payload {
        @Option(names = "--data", paramLabel = "JSON", description = "the payload, a JSON object")
        String data;

        @Option(names = "--data-file", paramLabel = "FILE", description = "a file holding the payload")
        String file;
    }

    @Option(names = "--channels", split = ",", paramLabel = "CHANNEL", description = "channels of the message")
    List<String> channels;

    @Option(names = "--event-id", paramLabel = "ID", description = "your own unique id of the message (eventId)")
    String eventId;

    @Override
    public Integer call() throws IOException, InterruptedException {
        JsonNode data = payload();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("eventType", eventType);
        message.put("payload", data);
        if (channels != null) {
            message.put("channels", channels);
        }
        if (eventId != null) {
            message.put("eventId", eventId);
        }
        JsonNode created = server.client().post(app.path() + "/msg/", message);
        PrintWriter out = spec.commandLine().getOut();
        out.println(server.json ? Json.writeString(created) : created.path("id").asText());
        out.flush();
        return 0;
    }

    private JsonNode payload() throws IOException {
        String text;
        if (payload != null && payload.data != null) {
            text = payload.data;
        } else {
            text = new String(Body.read(payload == null ? null : payload.file), StandardCharsets.UTF_8);
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the payload is not JSON: "
                    + e.getOriginalMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the payload must be a JSON object");
        }
        return parsed;
    }
}
