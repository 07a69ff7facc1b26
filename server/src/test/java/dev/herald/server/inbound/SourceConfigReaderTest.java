package dev.herald.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.core.Json;
import dev.herald.server.core.JsonInput;
import dev.herald.server.core.ValidationException;
import dev.herald.webhooks.Hmac;
import dev.herald.webhooks.provider.SignatureEncoding;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceConfigReaderTest {

    private static SourceConfig read(Map<String, Object> body) {
        JsonInput in = JsonInput.of((ObjectNode) Json.MAPPER.valueToTree(body));
        SourceConfig config = SourceConfigReader.read(in);
        in.check();
        return config;
    }

    private static ValidationException refused(Map<String, Object> body) {
        try {
            read(body);
        } catch (ValidationException e) {
            return e;
        }
        throw new AssertionError("expected a 422 for " + body);
    }

    @Test
    void readsEveryProviderWithItsSecret() {
        for (String type : List.of("github", "stripe", "shopify", "slack", "zoom", "docusign", "segment", "veriff")) {
            assertThat(read(Map.of("type", type, "config", Map.of("secret", "s"))))
                    .isEqualTo(new SourceConfig.ProviderSecret(type, "s"));
        }
    }

    @Test
    void readsStandardWebhooksSendersUnderSvixsNames() {
        String secret = ProviderCase.STANDARD_SECRET;

        assertThat(read(Map.of("type", "resend", "config", Map.of("secret", secret))))
                .isEqualTo(new SourceConfig.ProviderSecret("resend", secret));
        assertThat(refused(Map.of("type", "svix", "config", Map.of("secret", "whsec_short"))).errors().get(0).msg())
                .startsWith("secret must be a Standard Webhooks secret");
    }

    @Test
    void leavesGenericWebhooksAndGitHubWithoutSecretUnverified() {
        assertThat(read(Map.of("type", "generic-webhook"))).isEqualTo(new SourceConfig.Unverified("generic-webhook"));
        assertThat(read(Map.of("type", "github", "config", Map.of()))).isEqualTo(new SourceConfig.Unverified("github"));
        assertThat(new SourceConfig.Unverified("github").verifier()).isEmpty();
        assertThat(read(Map.of("type", "docusign"))).isEqualTo(new SourceConfig.Unverified("docusign"));
        assertThat(read(Map.of("type", "segment", "config", Map.of()))).isEqualTo(new SourceConfig.Unverified("segment"));
    }

    @Test
    void readsMetaWithBothItsAppSecretAndVerifyToken() {
        assertThat(read(Map.of("type", "meta", "config", Map.of("secret", "s", "verifyToken", "v"))))
                .isEqualTo(new SourceConfig.Meta("s", "v"));
        assertThat(refused(Map.of("type", "meta", "config", Map.of("secret", "s"))).errors().get(0).msg())
                .isEqualTo("verifyToken is required");
        assertThat(new SourceConfig.Meta("hidden", "hidden").toString()).doesNotContain("hidden");
        assertThat(SourceConfigReader.restore("meta", Json.writeString(new SourceConfig.Meta("s", "v").stored())))
                .isEqualTo(new SourceConfig.Meta("s", "v"));
    }

    @Test
    void readsTailscaleWithSvixsOptionalGracePeriod() {
        assertThat(read(Map.of("type", "tailscale", "config", Map.of("secret", "s"))))
                .isEqualTo(new SourceConfig.Tailscale("s", Optional.empty()));
        assertThat(read(Map.of("type", "tailscale", "config", Map.of("secret", "s", "timestampGraceSeconds", 300))))
                .isEqualTo(new SourceConfig.Tailscale("s", Optional.of(300L)));
        assertThat(refused(Map.of("type", "tailscale", "config", Map.of("secret", "s", "timestampGraceSeconds", -1)))
                .errors().get(0).msg()).startsWith("timestampGraceSeconds must be a whole number");
        assertThat(refused(Map.of("type", "tailscale", "config", Map.of("timestampGraceSeconds", 1)))
                .errors().get(0).msg()).isEqualTo("secret is required");
    }

    @Test
    void readsAGenericHmacWithDefaults() {
        SourceConfig config = read(Map.of("type", "generic-webhook",
                "config", Map.of("hmac", Map.of("header", "X-Sig", "secret", "k"))));

        assertThat(config).isEqualTo(new SourceConfig.SignedBody("X-Sig", Hmac.Algorithm.SHA256,
                SignatureEncoding.HEX, "", "k"));
    }

    @Test
    void refusesWhatCannotBeVerified() {
        assertThat(refused(Map.of("type", "stripe")).errors().get(0).msg()).isEqualTo("secret is required");
        assertThat(refused(Map.of("type", "generic-webhook", "config", Map.of(
                "basicAuth", Map.of("username", "u", "password", "p"),
                "hmac", Map.of("header", "X", "secret", "s")))).errors().get(0).msg()).contains("not both");
        assertThat(refused(Map.of("type", "generic-webhook", "config", Map.of(
                "basicAuth", Map.of("username", "a:b", "password", "p")))).errors().get(0).msg()).contains("':'");
        assertThat(refused(Map.of("type", "generic-webhook", "config", Map.of(
                "hmac", Map.of("header", "bad header", "secret", "s", "encoding", "base32")))).errors())
                .extracting(ValidationException.FieldError::msg)
                .containsExactly("hmac.header 'bad header' is not a valid header name",
                        "hmac.encoding must be hex or base64");
        assertThat(refused(Map.of("type", "github", "config", "secret")).errors().get(0).msg())
                .isEqualTo("must be an object");
    }

    @Test
    void namesTheSupportedTypesWhenRefusingAnUnknownOne() {
        ValidationException e = refused(Map.of("type", "cron", "config", Map.of()));

        assertThat(e.errors().get(0).loc()).containsExactly("body", "type");
        assertThat(e.errors().get(0).msg()).contains("unsupported source type 'cron'", "generic-webhook", "slack");
    }

    @Test
    void restoresWhatItStored() {
        List<SourceConfig> configs = List.of(
                new SourceConfig.Unverified("generic-webhook"),
                new SourceConfig.ProviderSecret("stripe", "whsec_x"),
                new SourceConfig.BasicAuth("user", "pass"),
                new SourceConfig.ProviderSecret("zoom", "zoom-token"),
                new SourceConfig.Tailscale("ts", Optional.empty()),
                new SourceConfig.Tailscale("ts", Optional.of(60L)),
                new SourceConfig.SignedBody("X-Sig", Hmac.Algorithm.SHA512, SignatureEncoding.BASE64, "v=", "k"));

        for (SourceConfig config : configs) {
            assertThat(SourceConfigReader.restore(config.type(), Json.writeString(config.stored()))).isEqualTo(config);
        }
    }

    @Test
    void showsNoSecret() {
        assertThat(Json.writeString(new SourceConfig.BasicAuth("user", "pass").shown())).doesNotContain("pass");
        assertThat(Json.writeString(new SourceConfig.SignedBody("X", Hmac.Algorithm.SHA1, SignatureEncoding.HEX,
                "", "hidden").shown())).doesNotContain("hidden").contains("\"algorithm\":\"sha1\"");
        assertThat(new SourceConfig.ProviderSecret("slack", "hidden").toString()).doesNotContain("hidden");
        assertThat(new SourceConfig.Tailscale("hidden", Optional.of(5L)).toString()).doesNotContain("hidden");
        assertThat(new SourceConfig.Tailscale("hidden", Optional.of(5L)).shown()).isEmpty();
        assertThatThrownBy(() -> SourceConfigReader.restore("zoom", "{}")).isInstanceOf(ValidationException.class);
    }
}
