package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.server.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code herald verify} and {@code herald sign} offline, against the Standard Webhooks vectors. */
class VerifyCommandTest {
    private static final Path VECTORS = Path.of("../webhooks/src/test/resources/standard-webhooks-vectors.json");

    @TempDir
    Path dir;

    record Vector(String id, long timestamp, byte[] payload, String secret, String signature) {
        @Override
        public String toString() {
            return id;
        }
    }

    static List<Vector> vectors() throws IOException {
        List<Vector> vectors = new ArrayList<>();
        for (JsonNode v : Json.MAPPER.readTree(Files.readString(VECTORS)).path("vectors")) {
            vectors.add(new Vector(v.path("id").asText(), v.path("timestamp").asLong(),
                    Base64.getDecoder().decode(v.path("payload_base64").asText()), v.path("secret").asText(),
                    v.path("signature").asText()));
        }
        return vectors;
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void acceptsEachStandardWebhooksVector(Vector v) throws IOException {
        Path body = Files.write(dir.resolve("body"), v.payload());

        Cli.Run run = Cli.run("verify", "--secret", v.secret(), "--id", v.id(), "--timestamp",
                Long.toString(v.timestamp()), "--signature", v.signature(), "--no-timestamp-check", body.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("valid: signature is valid");
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void signsEachStandardWebhooksVectorAsTheSpecDoes(Vector v) throws IOException {
        Path body = Files.write(dir.resolve("body"), v.payload());

        Cli.Run run = Cli.run("sign", "--secret", v.secret(), "--id", v.id(), "--timestamp",
                Long.toString(v.timestamp()), "--json", body.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.MAPPER.readTree(run.out()).path("webhook-signature").asText()).isEqualTo(v.signature());
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void rejectsAVectorWhoseBodyChangedByOneByte(Vector v) throws IOException {
        byte[] tampered = java.util.Arrays.copyOf(v.payload(), v.payload().length + 1);
        tampered[tampered.length - 1] = ' ';
        Path body = Files.write(dir.resolve("body"), tampered);

        Cli.Run run = Cli.run("verify", "--secret", v.secret(), "--id", v.id(), "--timestamp",
                Long.toString(v.timestamp()), "--signature", v.signature(), "--no-timestamp-check", body.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("invalid: no signature in the signature header matches");
    }

    @Test
    void rejectsAnOldTimestampUnlessTheCheckIsTurnedOff() throws IOException {
        Vector v = vectors().getFirst();
        Path body = Files.write(dir.resolve("body"), v.payload());
        String[] args = {"verify", "--secret", v.secret(), "--id", v.id(), "--timestamp",
                Long.toString(v.timestamp()), "--signature", v.signature(), "--json", body.toString()};

        Cli.Run run = Cli.run(args);

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = Json.MAPPER.readTree(run.out());
        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("reason").asText()).contains("older than the tolerance");
    }

    @Test
    void verifiesWhatSignProducedJustNow() throws IOException {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        Path body = Files.writeString(dir.resolve("body.json"), "{\"type\":\"order.paid\"}");
        Cli.Run signed = Cli.run("sign", "--secret", secret, "--id", "msg_now", "--json", body.toString());
        JsonNode headers = Json.MAPPER.readTree(signed.out());
        assertThat(headers.path("webhook-timestamp").asLong())
                .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));

        Cli.Run run = Cli.run("verify", "--secret", secret, "--id", "msg_now",
                "--timestamp", headers.path("webhook-timestamp").asText(),
                "--signature", headers.path("webhook-signature").asText(), body.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void signPrintsAlignedHeadersForPeople() throws IOException {
        Path body = Files.writeString(dir.resolve("body.json"), "{}");

        Cli.Run run = Cli.run("sign", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "--id", "msg_1",
                "--timestamp", "1700000000", body.toString());

        assertThat(run.out().lines().toList()).hasSize(3)
                .allSatisfy(line -> assertThat(line.substring("webhook-signature:  ".length() - 1))
                        .startsWith(" ").doesNotStartWith("  "));
        assertThat(run.out()).startsWith("webhook-id:         msg_1");
    }

    @Test
    void exitsWithTwoOnBadUsage() {
        assertThat(Cli.run("verify", "--id", "msg_1").exitCode()).isEqualTo(2);
        assertThat(Cli.run("verify", "--secret", "whsec_%%%", "--id", "m", "--timestamp", "1", "--signature", "v1,x",
                "body").exitCode()).isEqualTo(2);
        assertThat(Cli.run("sign", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "--id", "m",
                "--timestamp", "soon").exitCode()).isEqualTo(2);
    }

    @Test
    void exitsWithOneWhenTheBodyFileIsMissing() {
        Cli.Run run = Cli.run("verify", "--secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "--id", "m",
                "--timestamp", "1", "--signature", "v1,x", dir.resolve("absent").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no such file");
    }

    @Test
    void helpShowsExamples() {
        Cli.Run run = Cli.run("verify", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Examples:").contains("--no-timestamp-check");
    }
}
