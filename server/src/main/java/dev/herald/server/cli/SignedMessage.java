package dev.herald.server.cli;

import dev.herald.webhooks.WebhookSecret;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What both {@code sign} and {@code verify} take: the secret, the message id and the raw body's file. */
final class SignedMessage {
    @Option(names = "--secret", required = true, paramLabel = "whsec_...", order = 0,
            description = "the endpoint's signing secret")
    WebhookSecret secret;

    @Option(names = "--id", required = true, order = 1, description = "the message id (webhook-id header)")
    String id;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE|-",
            description = "the raw body; stdin when - or absent")
    String file;
}
