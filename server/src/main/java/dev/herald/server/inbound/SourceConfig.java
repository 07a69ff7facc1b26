package dev.herald.server.inbound;

import dev.herald.webhooks.Hmac;
import dev.herald.webhooks.WebhookSecret;
import dev.herald.webhooks.provider.AirwallexVerifier;
import dev.herald.webhooks.provider.BasicAuthVerifier;
import dev.herald.webhooks.provider.DocuSignVerifier;
import dev.herald.webhooks.provider.GitHubVerifier;
import dev.herald.webhooks.provider.HmacVerifier;
import dev.herald.webhooks.provider.ProviderVerifier;
import dev.herald.webhooks.provider.ShopifyVerifier;
import dev.herald.webhooks.provider.SignatureEncoding;
import dev.herald.webhooks.provider.SlackVerifier;
import dev.herald.webhooks.provider.StandardWebhooksVerifier;
import dev.herald.webhooks.provider.StripeVerifier;
import dev.herald.webhooks.provider.TailscaleVerifier;
import dev.herald.webhooks.provider.ZoomVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A source's type and how its requests are verified (Svix's {@code type} and {@code config}). Secrets live only
 * here: {@link #shown()} is what the API may return, {@link #stored()} what the store keeps, encrypted.
 */
sealed interface SourceConfig {

    /** The Svix source type, e.g. {@code github}. */
    String type();

    /** How a request is checked; empty when the source takes any request. */
    Optional<ProviderVerifier> verifier();

    /** The non-secret settings, for IngestSourceOut's {@code config}: none for Svix's own types. */
    default Map<String, Object> shown() {
        return Map.of();
    }

    /** Every setting, secrets included, in the request's {@code config} shape, for {@link SourceConfigReader}. */
    Map<String, Object> stored();

    /** A source that checks nothing: a generic webhook without credentials, or GitHub without a secret. */
    record Unverified(String type) implements SourceConfig {
        @Override
        public Optional<ProviderVerifier> verifier() {
            return Optional.empty();
        }

        @Override
        public Map<String, Object> stored() {
            return Map.of();
        }
    }

    /**
     * A provider with one shared secret and its own documented signature scheme. Segment ({@code X-Signature}, hex
     * HMAC-SHA1 of the body) and Veriff ({@code X-HMAC-SIGNATURE}, hex HMAC-SHA256 of the body) sign the body alone
     * in one header, which is the generic HMAC check.
     */
    record ProviderSecret(String type, String secret) implements SourceConfig {
        @Override
        public Optional<ProviderVerifier> verifier() {
            return Optional.of(switch (type) {
                case SourceTypes.GITHUB -> new GitHubVerifier(secret);
                case SourceTypes.STRIPE -> new StripeVerifier(secret);
                case SourceTypes.SHOPIFY -> new ShopifyVerifier(secret);
                case SourceTypes.SLACK -> new SlackVerifier(secret);
                case SourceTypes.ZOOM -> new ZoomVerifier(secret);
                case SourceTypes.DOCUSIGN -> new DocuSignVerifier(secret);
                case SourceTypes.AIRWALLEX -> new AirwallexVerifier(secret);
                case SourceTypes.SEGMENT -> new HmacVerifier("X-Signature", Hmac.Algorithm.SHA1, SignatureEncoding.HEX,
                        "", secret.getBytes(StandardCharsets.UTF_8));
                case SourceTypes.VERIFF -> new HmacVerifier("X-HMAC-SIGNATURE", Hmac.Algorithm.SHA256,
                        SignatureEncoding.HEX, "", secret.getBytes(StandardCharsets.UTF_8));
                default -> new StandardWebhooksVerifier(WebhookSecret.parse(secret));
            });
        }

        @Override
        public Map<String, Object> stored() {
            return Map.of("secret", secret);
        }

        @Override
        public String toString() {
            return "ProviderSecret[type=" + type + ", secret redacted]";
        }
    }

    /**
     * Tailscale, with Svix's optional {@code timestampGraceSeconds}: how far the signed timestamp may be from now;
     * without it the timestamp's age is not checked (as in Svix).
     */
    record Tailscale(String secret, Optional<Long> timestampGraceSeconds) implements SourceConfig {
        @Override
        public String type() {
            return SourceTypes.TAILSCALE;
        }

        @Override
        public Optional<ProviderVerifier> verifier() {
            return Optional.of(new TailscaleVerifier(secret, timestampGraceSeconds.map(Duration::ofSeconds)));
        }

        @Override
        public Map<String, Object> stored() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("secret", secret);
            timestampGraceSeconds.ifPresent(grace -> out.put("timestampGraceSeconds", grace));
            return out;
        }

        @Override
        public String toString() {
            return "Tailscale[timestampGraceSeconds=" + timestampGraceSeconds + ", secret redacted]";
        }
    }

    /**
     * Meta (Facebook, Instagram, WhatsApp): {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>} keyed
     * with the app secret; the {@code GET} that subscribes the URL is checked by its {@code hub.verify_token}
     * instead ({@link UrlVerification}).
     */
    record Meta(String secret, String verifyToken) implements SourceConfig {
        @Override
        public String type() {
            return SourceTypes.META;
        }

        @Override
        public Optional<ProviderVerifier> verifier() {
            return Optional.of(new HmacVerifier("X-Hub-Signature-256", Hmac.Algorithm.SHA256, SignatureEncoding.HEX,
                    "sha256=", secret.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public Map<String, Object> stored() {
            return Map.of("secret", secret, "verifyToken", verifyToken);
        }

        @Override
        public String toString() {
            return "Meta[secret and verifyToken redacted]";
        }
    }

    /** A generic webhook whose sender authenticates with {@code Authorization: Basic}. */
    record BasicAuth(String username, String password) implements SourceConfig {
        @Override
        public String type() {
            return SourceTypes.GENERIC_WEBHOOK;
        }

        @Override
        public Optional<ProviderVerifier> verifier() {
            return Optional.of(new BasicAuthVerifier(username, password));
        }

        @Override
        public Map<String, Object> shown() {
            return Map.of("basicAuth", Map.of("username", username));
        }

        @Override
        public Map<String, Object> stored() {
            return Map.of("basicAuth", Map.of("username", username, "password", password));
        }

        @Override
        public String toString() {
            return "BasicAuth[username=" + username + ", password redacted]";
        }
    }

    /** A generic webhook signed with an HMAC of the body in one header: {@code <prefix><encoded MAC>}. */
    record SignedBody(String header, Hmac.Algorithm algorithm, SignatureEncoding encoding, String prefix,
                      String secret) implements SourceConfig {
        @Override
        public String type() {
            return SourceTypes.GENERIC_WEBHOOK;
        }

        @Override
        public Optional<ProviderVerifier> verifier() {
            return Optional.of(new HmacVerifier(header, algorithm, encoding, prefix,
                    secret.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public Map<String, Object> shown() {
            return Map.of("hmac", settings());
        }

        @Override
        public Map<String, Object> stored() {
            Map<String, Object> hmac = settings();
            hmac.put("secret", secret);
            return Map.of("hmac", hmac);
        }

        private Map<String, Object> settings() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("header", header);
            out.put("algorithm", algorithm.name().toLowerCase(Locale.ROOT));
            out.put("encoding", encoding.name().toLowerCase(Locale.ROOT));
            out.put("prefix", prefix);
            return out;
        }

        @Override
        public String toString() {
            return "SignedBody[header=" + header + ", algorithm=" + algorithm + ", secret redacted]";
        }
    }
}
