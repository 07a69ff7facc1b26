package dev.herald.server.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.core.Json;
import dev.herald.server.core.JsonInput;
import dev.herald.webhooks.Hmac;
import dev.herald.webhooks.WebhookSecret;
import dev.herald.webhooks.provider.SignatureEncoding;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a source's {@code type} and {@code config} from a request body into a {@link SourceConfig}, recording every
 * problem as a 422 at {@code ["body","type"]} or {@code ["body","config"]}. A {@code generic-webhook} takes no
 * config, or {@code basicAuth: {username, password}}, or {@code hmac: {header, secret, algorithm, encoding,
 * prefix}}; the providers take {@code secret} (optional for GitHub, DocuSign and Segment, as in Svix), Tailscale also
 * {@code timestampGraceSeconds}, Meta also {@code verifyToken}.
 */
final class SourceConfigReader {
    /** Svix types {@code timestampGraceSeconds} as a uint32. */
    private static final long MAX_UINT32 = 4_294_967_295L;
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private SourceConfigReader() {
    }

    /** The type and config of the body, or null when they are invalid (the errors are in {@code in}). */
    static SourceConfig read(JsonInput in) {
        String type = in.requiredString("type");
        Optional<JsonNode> given = in.node("config");
        if (given.isPresent() && !given.get().isObject()) {
            in.error("config", "must be an object");
            return null;
        }
        JsonNode config = given.orElse(JsonNodeFactory.instance.objectNode());
        if (type == null) {
            return null;
        }
        return switch (type) {
            case SourceTypes.GENERIC_WEBHOOK -> generic(in, config);
            case SourceTypes.GITHUB, SourceTypes.DOCUSIGN, SourceTypes.SEGMENT -> text(in, config, "secret", false)
                    .<SourceConfig>map(secret -> new SourceConfig.ProviderSecret(type, secret))
                    .orElse(new SourceConfig.Unverified(type));
            case SourceTypes.TAILSCALE -> tailscale(in, config);
            case SourceTypes.META -> meta(in, config);
            case SourceTypes.STRIPE, SourceTypes.SHOPIFY, SourceTypes.SLACK, SourceTypes.ZOOM, SourceTypes.VERIFF,
                 SourceTypes.AIRWALLEX ->
                    text(in, config, "secret", true).map(secret -> new SourceConfig.ProviderSecret(type, secret))
                            .orElse(null);
            default -> SourceTypes.isStandardWebhooks(type) ? standardWebhooks(in, type, config) : unknown(in, type);
        };
    }

    /** A config the store kept; it was accepted by {@link #read} when saved, so a failure here is a bug. */
    static SourceConfig restore(String type, String storedJson) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", type);
        body.set("config", Json.readTrusted(storedJson));
        JsonInput in = JsonInput.of(body);
        SourceConfig config = read(in);
        in.check();
        return config;
    }

    private static SourceConfig generic(JsonInput in, JsonNode config) {
        JsonNode basic = config.get("basicAuth");
        JsonNode hmac = config.get("hmac");
        boolean hasBasic = basic != null && !basic.isNull();
        boolean hasHmac = hmac != null && !hmac.isNull();
        if (hasBasic && hasHmac) {
            in.error("config", "give basicAuth or hmac, not both");
            return null;
        }
        if (hasBasic && !basic.isObject() || hasHmac && !hmac.isObject()) {
            in.error("config", (hasBasic ? "basicAuth" : "hmac") + " must be an object");
            return null;
        }
        if (hasBasic) {
            Optional<String> username = text(in, basic, "basicAuth.username", "username", true);
            Optional<String> password = text(in, basic, "basicAuth.password", "password", true);
            if (username.filter(u -> u.indexOf(':') >= 0).isPresent()) {
                in.error("config", "basicAuth.username may not contain ':'");
                return null;
            }
            return username.isPresent() && password.isPresent()
                    ? new SourceConfig.BasicAuth(username.get(), password.get()) : null;
        }
        if (hasHmac) {
            return signedBody(in, hmac);
        }
        return new SourceConfig.Unverified(SourceTypes.GENERIC_WEBHOOK);
    }

    private static SourceConfig signedBody(JsonInput in, JsonNode hmac) {
        Optional<String> header = text(in, hmac, "hmac.header", "header", true);
        if (header.isPresent() && !HEADER_NAME.matcher(header.get()).matches()) {
            in.error("config", "hmac.header '" + header.get() + "' is not a valid header name");
        }
        Optional<String> secret = text(in, hmac, "hmac.secret", "secret", true);
        String algorithm = text(in, hmac, "hmac.algorithm", "algorithm", false).orElse("sha256");
        String encoding = text(in, hmac, "hmac.encoding", "encoding", false).orElse("hex");
        String prefix = prefix(in, hmac.get("prefix"));
        Hmac.Algorithm alg = switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "sha1" -> Hmac.Algorithm.SHA1;
            case "sha256" -> Hmac.Algorithm.SHA256;
            case "sha512" -> Hmac.Algorithm.SHA512;
            default -> {
                in.error("config", "hmac.algorithm must be sha1, sha256 or sha512");
                yield null;
            }
        };
        SignatureEncoding enc = switch (encoding.toLowerCase(Locale.ROOT)) {
            case "hex" -> SignatureEncoding.HEX;
            case "base64" -> SignatureEncoding.BASE64;
            default -> {
                in.error("config", "hmac.encoding must be hex or base64");
                yield null;
            }
        };
        if (header.isEmpty() || secret.isEmpty() || alg == null || enc == null) {
            return null;
        }
        return new SourceConfig.SignedBody(header.get(), alg, enc, prefix, secret.get());
    }

    /** The text before the encoded MAC, such as {@code sha256=}; empty when absent. */
    private static String prefix(JsonInput in, JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            in.error("config", "hmac.prefix must be a string");
            return "";
        }
        return value.textValue();
    }

    private static SourceConfig meta(JsonInput in, JsonNode config) {
        Optional<String> secret = text(in, config, "secret", true);
        Optional<String> verifyToken = text(in, config, "verifyToken", true);
        return secret.isPresent() && verifyToken.isPresent()
                ? new SourceConfig.Meta(secret.get(), verifyToken.get()) : null;
    }

    private static SourceConfig tailscale(JsonInput in, JsonNode config) {
        Optional<String> secret = text(in, config, "secret", true);
        JsonNode grace = config.get("timestampGraceSeconds");
        Optional<Long> seconds = Optional.empty();
        if (grace != null && !grace.isNull()) {
            if (!grace.canConvertToLong() || !grace.isIntegralNumber() || grace.longValue() < 0
                    || grace.longValue() > MAX_UINT32) {
                in.error("config", "timestampGraceSeconds must be a whole number of seconds from 0 to " + MAX_UINT32);
                return null;
            }
            seconds = Optional.of(grace.longValue());
        }
        Optional<Long> chosen = seconds;
        return secret.map(s -> new SourceConfig.Tailscale(s, chosen)).orElse(null);
    }

    private static SourceConfig standardWebhooks(JsonInput in, String type, JsonNode config) {
        Optional<String> secret = text(in, config, "secret", true);
        if (secret.isEmpty()) {
            return null;
        }
        try {
            WebhookSecret.parse(secret.get());
        } catch (IllegalArgumentException e) {
            in.error("config", "secret must be a Standard Webhooks secret: " + e.getMessage());
            return null;
        }
        return new SourceConfig.ProviderSecret(type, secret.get());
    }

    private static SourceConfig unknown(JsonInput in, String type) {
        in.error("type", "unsupported source type '" + type + "'; Herald verifies: " + SourceTypes.supported());
        return null;
    }

    private static Optional<String> text(JsonInput in, JsonNode object, String field, boolean required) {
        return text(in, object, field, field, required);
    }

    /** A non-empty string member of {@code object}; {@code label} names it in errors. */
    private static Optional<String> text(JsonInput in, JsonNode object, String label, String field,
                                         boolean required) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                in.error("config", label + " is required");
            }
            return Optional.empty();
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            in.error("config", label + " must be a non-empty string");
            return Optional.empty();
        }
        return Optional.of(value.textValue());
    }
}
