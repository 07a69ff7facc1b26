package dev.herald.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a Standard Webhooks (or Svix) message as a receiver: the headers are present, the timestamp is within
 * the tolerance of the clock, and at least one listed signature matches one of the configured keys. Signatures
 * are compared in constant time and versions it does not know are ignored. Immutable and thread-safe.
 */
public final class WebhookVerifier {

    /** The tolerance receivers commonly allow between the sender's timestamp and their own clock. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final List<WebhookSecret> secrets;
    private final List<Ed25519KeyPair> publicKeys;
    private final Duration tolerance;
    private final Clock clock;

    /** Accepts {@code v1} signatures made with any of the secrets, within 5 minutes of the system clock. */
    public WebhookVerifier(WebhookSecret... secrets) {
        this(builder().secrets(List.of(secrets)));
    }

    private WebhookVerifier(Builder builder) {
        if (builder.secrets.isEmpty() && builder.publicKeys.isEmpty()) {
            throw new IllegalArgumentException("a webhook verifier needs at least one secret or public key");
        }
        this.secrets = List.copyOf(builder.secrets);
        this.publicKeys = List.copyOf(builder.publicKeys);
        this.tolerance = builder.tolerance;
        this.clock = builder.clock;
    }

    /** A builder for secrets, ed25519 public keys, tolerance and clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** The same verifier judging freshness by another clock. */
    public WebhookVerifier withClock(Clock clock) {
        Builder copy = builder().secrets(secrets).tolerance(tolerance).clock(clock);
        publicKeys.forEach(copy::publicKey);
        return new WebhookVerifier(copy);
    }

    /** Verifies using {@code webhook-id/-timestamp/-signature}, or the {@code svix-*} headers when those are absent. */
    public void verify(HeaderLookup headers, byte[] body) {
        Objects.requireNonNull(headers, "headers");
        verify(header(headers, "id"), header(headers, "timestamp"), header(headers, "signature"), body);
    }

    /** Verifies using a map of header lists, whose names are matched ignoring case. */
    public void verify(Map<String, ? extends List<String>> headers, byte[] body) {
        verify(HeaderLookup.of(headers), body);
    }

    /** Verifies the three header values (any may be null when absent) against the raw body. */
    public void verify(String id, String timestamp, String signatureHeader, byte[] body) {
        Objects.requireNonNull(body, "body");
        String msgId = present(id, "id");
        String presentTimestamp = present(timestamp, "timestamp");
        String presentSignatures = present(signatureHeader, "signature");
        long seconds = freshTimestamp(presentTimestamp);
        SignatureHeader signatures = SignatureHeader.parse(presentSignatures);
        byte[] content = SignedContent.of(msgId, seconds, body);
        if (!matchesV1(signatures.signatures("v1"), content) && !matchesV1a(signatures.signatures("v1a"), content)) {
            throw new WebhookVerificationException("no signature in the signature header matches");
        }
    }

    private boolean matchesV1(List<String> presented, byte[] content) {
        for (WebhookSecret secret : secrets) {
            byte[] expected = Base64.getEncoder().encode(Hmac.sha256(secret.hmacKey(), content));
            for (String signature : presented) {
                if (Hmac.matches(expected, signature.getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean matchesV1a(List<String> presented, byte[] content) {
        for (String signature : presented) {
            Optional<byte[]> bytes = base64(signature);
            if (bytes.isPresent() && publicKeys.stream().anyMatch(key -> key.verify(content, bytes.get()))) {
                return true;
            }
        }
        return false;
    }

    private long freshTimestamp(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("timestamp header is not a whole number of Unix seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (seconds < now - tolerance.toSeconds()) {
            throw new WebhookVerificationException("timestamp is older than the tolerance of " + tolerance);
        }
        if (seconds > now + tolerance.toSeconds()) {
            throw new WebhookVerificationException(
                    "timestamp is further in the future than the tolerance of " + tolerance);
        }
        return seconds;
    }

    private static String header(HeaderLookup headers, String suffix) {
        return headers.first("webhook-" + suffix).or(() -> headers.first("svix-" + suffix)).orElse(null);
    }

    private static String present(String value, String suffix) {
        if (value == null || value.isBlank()) {
            throw new WebhookVerificationException("missing webhook-" + suffix + " (or svix-" + suffix + ") header");
        }
        return value;
    }

    private static Optional<byte[]> base64(String text) {
        try {
            return Optional.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Collects the keys and settings of a {@link WebhookVerifier}; needs at least one secret or public key. */
    public static final class Builder {
        private final List<WebhookSecret> secrets = new ArrayList<>();
        private final List<Ed25519KeyPair> publicKeys = new ArrayList<>();
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Accepts {@code v1} signatures made with this secret. */
        public Builder secret(WebhookSecret secret) {
            secrets.add(Objects.requireNonNull(secret, "secret"));
            return this;
        }

        /** Accepts {@code v1} signatures made with any of these secrets, e.g. the old and new during a rotation. */
        public Builder secrets(Collection<WebhookSecret> secrets) {
            secrets.forEach(this::secret);
            return this;
        }

        /** Accepts {@code v1a} signatures that verify with this key's public half. */
        public Builder publicKey(Ed25519KeyPair key) {
            publicKeys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        /** How far the timestamp may lie before or after the clock; default 5 minutes. */
        public Builder tolerance(Duration tolerance) {
            if (tolerance.isNegative()) {
                throw new IllegalArgumentException("tolerance must not be negative, got " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        /** The clock freshness is judged by; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public WebhookVerifier build() {
            return new WebhookVerifier(this);
        }
    }
}
