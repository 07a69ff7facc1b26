package dev.herald.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StandardWebhooksVectorsTest {

    static List<Vector> vectors() {
        return Vector.all();
    }

    @Test
    void readsEveryVectorOfTheReferenceFile() {
        assertThat(vectors()).extracting(Vector::id)
                .containsExactly(
                        "msg_p5jXN8AQM9LWM0D4loKWxJek", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", "msg_empty", "evt 1/2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signingReproducesTheVectorSignature(Vector vector) {
        WebhookSecret secret = WebhookSecret.parse(vector.secret());

        String header = WebhookSigner.sign(vector.id(), vector.timestamp(), vector.payload(), List.of(secret));

        assertThat(header).isEqualTo(vector.signature());
        assertThat(WebhookSigner.signV1(secret, vector.id(), vector.timestamp(), vector.payload()))
                .isEqualTo(vector.signature());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void verifierAcceptsTheVectorAtItsTimestamp(Vector vector) {
        WebhookVerifier verifier = WebhookVerifier.builder()
                .secret(WebhookSecret.parse(vector.secret()))
                .clock(Clock.fixed(Instant.ofEpochSecond(vector.timestamp()), ZoneOffset.UTC))
                .build();

        assertThatCode(() -> verifier.verify(vector.id(), Long.toString(vector.timestamp()), vector.signature(),
                vector.payload())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void secretReEncodesToTheVectorsForm(Vector vector) {
        assertThat(WebhookSecret.parse(vector.secret()).encoded()).isEqualTo(vector.secret());
    }
}
