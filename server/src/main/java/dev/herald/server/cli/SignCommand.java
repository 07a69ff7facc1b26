package dev.herald.server.cli;

import dev.herald.server.core.Json;
import dev.herald.webhooks.WebhookSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code herald sign}: the inverse of verify, the three Standard Webhooks headers for a body, made offline. */
@Command(name = "sign", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Sign a body offline as Herald would deliver it: print the webhook-id, webhook-timestamp and "
                + "webhook-signature headers (Standard Webhooks v1, HMAC-SHA256).",
        footerHeading = "%nExamples:%n",
        footer = {"  herald sign --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw --id msg_1 body.json",
                "  echo -n '{\"ok\":true}' | herald sign --secret \"$SECRET\" --id msg_1 --timestamp 1700000000 --json -"})
final class SignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SignedMessage message;

    @Option(names = "--timestamp", paramLabel = "UNIX_SECONDS", description = "the time to sign at; default now")
    Long timestamp;

    @Option(names = "--json", description = "print the headers as a JSON object")
    boolean json;


    @Override
    public Integer call() throws IOException {
        byte[] body = Body.read(message.file);
        long at = timestamp != null ? timestamp : Instant.now().getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", message.id);
        headers.put("webhook-timestamp", Long.toString(at));
        headers.put("webhook-signature", WebhookSigner.signV1(message.secret, message.id, at, body));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.writeString(headers));
            out.flush();
        } else {
            Table table = new Table();
            headers.forEach((name, value) -> table.row(name + ":", value));
            table.print(out);
        }
        return 0;
    }
}
