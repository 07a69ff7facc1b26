package dev.herald.server.cli;

import dev.herald.server.core.Json;
import dev.herald.webhooks.WebhookVerificationException;
import dev.herald.webhooks.WebhookVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code herald verify}: checks a Standard Webhooks signature offline, with the same verifier receivers use, so a
 * developer can tell whether a request they captured would be accepted, and why not.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check a Standard Webhooks (Svix) signature offline: exit 0 when the body carries a valid "
                + "signature, 1 with the reason when not.",
        footerHeading = "%nExamples:%n",
        footer = {"  herald verify --secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw --id msg_p5jXN8AQM9LWM0D4loKWxJek \\",
                "      --timestamp 1614265330 --signature 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' \\",
                "      --no-timestamp-check body.json",
                "  curl -s https://example.test/last-body | herald verify --secret \"$SECRET\" --id \"$ID\" \\",
                "      --timestamp \"$TS\" --signature \"$SIG\" -"})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SignedMessage message;

    @Option(names = "--timestamp", required = true, paramLabel = "UNIX_SECONDS",
            description = "the webhook-timestamp (svix-timestamp) header")
    String timestamp;

    @Option(names = "--signature", required = true, paramLabel = "v1,...",
            description = "the webhook-signature (svix-signature) header: one or more space-separated signatures")
    String signature;

    @Option(names = "--tolerance", paramLabel = "DURATION", defaultValue = "5m",
            description = "how far the timestamp may lie from now (default ${DEFAULT-VALUE})")
    Duration tolerance;

    @Option(names = "--no-timestamp-check",
            description = "accept any timestamp, e.g. to check a request recorded long ago")
    boolean noTimestampCheck;

    @Option(names = "--json", description = "print the result as JSON")
    boolean json;


    @Override
    public Integer call() throws IOException {
        byte[] body = Body.read(message.file);
        Clock clock = Clock.systemUTC();
        if (noTimestampCheck) {
            try {
                clock = Clock.fixed(Instant.ofEpochSecond(Long.parseLong(timestamp.strip())), ZoneOffset.UTC);
            } catch (NumberFormatException notANumber) {
                // the verifier reports the malformed timestamp
            }
        }
        WebhookVerifier verifier = WebhookVerifier.builder().secret(message.secret).tolerance(tolerance).clock(clock).build();
        try {
            verifier.verify(message.id, timestamp, signature, body);
            report(spec.commandLine().getOut(), true, "signature is valid");
            return 0;
        } catch (WebhookVerificationException e) {
            report(json ? spec.commandLine().getOut() : spec.commandLine().getErr(), false, e.getMessage());
            return 1;
        }
    }

    private void report(PrintWriter out, boolean valid, String reason) {
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("valid", valid);
            result.put("reason", reason);
            out.println(Json.writeString(result));
        } else {
            out.println(valid ? Styles.good("valid") + ": " + reason : Styles.bad("invalid") + ": " + reason);
        }
        out.flush();
    }
}
