package dev.herald.webhooks;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cross-checks against the independent {@code com.standardwebhooks} library, which judges time by the system clock. */
class StandardWebhooksLibraryInteropTest {

    private static final String ID = "msg_interop";
    private static final String PAYLOAD = "{\"type\":\"user.created\",\"name\":\"Zoë ✓\"}";

    private final WebhookSecret secret = WebhookSecret.generate();
    private final long now = Instant.now().getEpochSecond();

    private static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of(
                "webhook-id", List.of(id),
                "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }

    @Test
    void ourSignatureVerifiesWithTheLibrary() throws Exception {
        String signature = WebhookSigner.signV1(secret, ID, now, PAYLOAD.getBytes(StandardCharsets.UTF_8));

        Webhook library = new Webhook(secret.encoded());

        assertThatCode(() -> library.verify(PAYLOAD, headers(ID, now, signature))).doesNotThrowAnyException();
    }

    @Test
    void ourRotationHeaderVerifiesWithTheLibraryHoldingOnlyTheNewSecret() throws Exception {
        WebhookSecret next = WebhookSecret.generate();
        String header = WebhookSigner.sign(ID, now, PAYLOAD.getBytes(StandardCharsets.UTF_8), List.of(secret, next));

        Webhook library = new Webhook(next.encoded());

        assertThatCode(() -> library.verify(PAYLOAD, headers(ID, now, header))).doesNotThrowAnyException();
    }

    @Test
    void theLibrarysSignatureVerifiesWithOurs() throws Exception {
        String signature = new Webhook(secret.encoded()).sign(ID, now, PAYLOAD);

        assertThatCode(() -> new WebhookVerifier(secret).verify(headers(ID, now, signature),
                PAYLOAD.getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
    }

    @Test
    void theLibraryRejectsOurSignatureOverAnotherBody() throws Exception {
        String signature = WebhookSigner.signV1(secret, ID, now, PAYLOAD.getBytes(StandardCharsets.UTF_8));

        Webhook library = new Webhook(secret.encoded());

        assertThatThrownBy(() -> library.verify(PAYLOAD + " ", headers(ID, now, signature)))
                .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
    }
}
