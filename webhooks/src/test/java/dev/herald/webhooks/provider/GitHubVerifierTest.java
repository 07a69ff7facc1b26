package dev.herald.webhooks.provider;

import static dev.herald.webhooks.provider.VerificationAssert.assertRejected;
import static dev.herald.webhooks.provider.VerificationAssert.assertVerified;

import dev.herald.webhooks.TestHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GitHubVerifierTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    private final GitHubVerifier verifier = new GitHubVerifier(SECRET);

    private static String sha256(String secret, byte[] body) {
        return "sha256=" + IndependentHmac.hexSha256(secret, "", body);
    }

    @Test
    void acceptsGitHubsDocumentedExample() {
        String documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        assertVerified(verifier.verify(TestHeaders.of("X-Hub-Signature-256", documented), BODY, NOW));
        assertVerified(verifier.verify(TestHeaders.of("x-hub-signature-256", sha256(SECRET, BODY)), BODY, NOW));
    }

    @Test
    void acceptsUppercaseHex() {
        String upper = "sha256=" + IndependentHmac.hexSha256(SECRET, "", BODY).toUpperCase();

        assertVerified(verifier.verify(TestHeaders.of("X-Hub-Signature-256", upper), BODY, NOW));
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = "Hello, World?".getBytes(StandardCharsets.UTF_8);

        assertRejected(verifier.verify(TestHeaders.of("X-Hub-Signature-256", sha256(SECRET, BODY)), tampered, NOW))
                .contains("does not match");
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        assertRejected(verifier.verify(TestHeaders.of("X-Hub-Signature-256", sha256("other", BODY)), BODY, NOW));
    }

    @Test
    void rejectsAMissingSignatureHeader() {
        assertRejected(verifier.verify(TestHeaders.of("X-GitHub-Event", "push"), BODY, NOW))
                .contains("missing X-Hub-Signature-256");
    }

    @Test
    void rejectsASignatureWithoutItsPrefix() {
        String bare = IndependentHmac.hexSha256(SECRET, "", BODY);

        assertRejected(verifier.verify(TestHeaders.of("X-Hub-Signature-256", bare), BODY, NOW));
    }

    @Test
    void acceptsTheLegacySha1HeaderWhenSha256IsAbsent() {
        String sha1 = "sha1=" + HexFormat.of().formatHex(
                IndependentHmac.mac("HmacSHA1", SECRET.getBytes(StandardCharsets.UTF_8), "", BODY));

        assertVerified(verifier.verify(TestHeaders.of("X-Hub-Signature", sha1), BODY, NOW));
    }

    @Test
    void ignoresAValidSha1HeaderWhenTheSha256HeaderIsWrong() {
        String sha1 = "sha1=" + HexFormat.of().formatHex(
                IndependentHmac.mac("HmacSHA1", SECRET.getBytes(StandardCharsets.UTF_8), "", BODY));

        assertRejected(verifier.verify(
                TestHeaders.of("X-Hub-Signature-256", sha256("other", BODY), "X-Hub-Signature", sha1), BODY, NOW));
    }
}
