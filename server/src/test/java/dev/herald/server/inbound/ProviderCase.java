package dev.herald.server.inbound;

import static dev.herald.server.inbound.ProviderSigning.utf8;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One way a provider signs, for the provider tests: the source to create, the request it sends (signed per its
 * documentation by {@link ProviderSigning}), and what Herald should make of it.
 */
record ProviderCase(String name, Map<String, Object> source, String secret, Signer signer, byte[] body,
                    String contentType, String eventType, boolean signsBody, boolean hasTimestamp) {

    /** Headers a sender adds for this body, signed with {@code secret} at {@code timestamp} (Unix seconds). */
    @FunctionalInterface
    interface Signer {
        List<String> headers(String secret, byte[] body, long timestamp);
    }

    /** The full header list: content type first, then the provider's own. */
    List<String> headers(String withSecret, byte[] signedBody, long timestamp) {
        List<String> all = new ArrayList<>(List.of("Content-Type", contentType));
        all.addAll(signer.headers(withSecret, signedBody, timestamp));
        return all;
    }

    @Override
    public String toString() {
        return name;
    }

    static final String STANDARD_SECRET =
            "whsec_" + Base64.getEncoder().encodeToString(utf8("0123456789abcdef01234567"));

    static List<ProviderCase> all() {
        String json = "application/json";
        return List.of(
                new ProviderCase("github", source("github", Map.of("secret", "gh-secret")), "gh-secret",
                        (s, b, t) -> List.of("X-GitHub-Event", "push",
                                "X-GitHub-Delivery", UUID.randomUUID().toString(),
                                "X-Hub-Signature-256", ProviderSigning.github(s, b)),
                        utf8("{\"ref\":\"refs/heads/main\",\"commits\":[{\"id\":\"abc\"}]}"), json, "push", true,
                        false),
                new ProviderCase("stripe", source("stripe", Map.of("secret", "whsec_stripe_test_secret")),
                        "whsec_stripe_test_secret",
                        (s, b, t) -> List.of("Stripe-Signature", ProviderSigning.stripe(s, t, b)),
                        utf8("{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"invoice.paid\",\"data\":{}}"), json,
                        "invoice.paid", true, true),
                new ProviderCase("shopify", source("shopify", Map.of("secret", "shpss_client_secret")),
                        "shpss_client_secret",
                        (s, b, t) -> List.of("X-Shopify-Topic", "orders/create", "X-Shopify-Webhook-Id", "wh-1",
                                "X-Shopify-Hmac-Sha256", ProviderSigning.shopify(s, b)),
                        utf8("{\"id\":820982911946154508,\"email\":\"jon@example.com\"}"), json, "orders.create",
                        true, false),
                new ProviderCase("slack", source("slack", Map.of("secret", "8f742231b10e8888abcd99yyyzzz85a5")),
                        "8f742231b10e8888abcd99yyyzzz85a5",
                        (s, b, t) -> List.of("X-Slack-Request-Timestamp", Long.toString(t),
                                "X-Slack-Signature", ProviderSigning.slack(s, t, b)),
                        utf8("{\"type\":\"event_callback\",\"event_id\":\"Ev08MFMKH6\","
                                + "\"event\":{\"type\":\"app_mention\",\"text\":\"hi\"}}"),
                        json, "app_mention", true, true),
                new ProviderCase("svix", source("svix", Map.of("secret", STANDARD_SECRET)), STANDARD_SECRET,
                        (s, b, t) -> List.of("svix-id", "msg_abc", "svix-timestamp", Long.toString(t),
                                "svix-signature", ProviderSigning.standardWebhooks(s, "msg_abc", t, b)),
                        utf8("{\"type\":\"user.created\",\"data\":{\"id\":1}}"), json, "user.created", true, true),
                new ProviderCase("standard-webhooks (clerk)", source("clerk", Map.of("secret", STANDARD_SECRET)),
                        STANDARD_SECRET,
                        (s, b, t) -> List.of("webhook-id", "msg_def", "webhook-timestamp", Long.toString(t),
                                "webhook-signature", ProviderSigning.standardWebhooks(s, "msg_def", t, b)),
                        utf8("{\"type\":\"session.ended\",\"data\":{}}"), json, "session.ended", true, true),
                new ProviderCase("zoom", source("zoom", Map.of("secret", "zoom-secret-token")), "zoom-secret-token",
                        (s, b, t) -> List.of("x-zm-request-timestamp", Long.toString(t),
                                "x-zm-signature", ProviderSigning.zoom(s, t, b)),
                        utf8("{\"event\":\"meeting.started\",\"event_ts\":1626230691572,"
                                + "\"payload\":{\"account_id\":\"AAAAAABBBB\",\"object\":{\"id\":\"1234567890\"}}}"),
                        json, "meeting.started", true, true),
                new ProviderCase("tailscale", source("tailscale", Map.of("secret", "tskey-webhook-test",
                        "timestampGraceSeconds", 300)), "tskey-webhook-test",
                        (s, b, t) -> List.of("Tailscale-Webhook-Signature", ProviderSigning.tailscale(s, t, b)),
                        utf8("[{\"timestamp\":\"2026-12-01T15:00:00Z\",\"version\":1,\"type\":\"nodeCreated\","
                                + "\"tailnet\":\"example.com\",\"message\":\"Node created\",\"data\":{}}]"),
                        json, "inbound.tailscale", true, true),
                new ProviderCase("docusign", source("docusign", Map.of("secret", "docusign-connect-key")),
                        "docusign-connect-key",
                        (s, b, t) -> List.of("X-DocuSign-Signature-1", ProviderSigning.docuSign(s, b),
                                "X-Authorization-Digest", "HMACSHA256"),
                        utf8("{\"event\":\"envelope-completed\",\"apiVersion\":\"v2.1\","
                                + "\"data\":{\"envelopeId\":\"93be49ab-4e2f-4d12-b3e5-8c4a9f2b1e07\"}}"),
                        json, "envelope-completed", true, false),
                new ProviderCase("segment", source("segment", Map.of("secret", "segment-shared-secret")),
                        "segment-shared-secret",
                        (s, b, t) -> List.of("X-Signature", ProviderSigning.hmacOfBody("HmacSHA1", s, b, false)),
                        utf8("{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"u1\"}"), json,
                        "track", true, false),
                new ProviderCase("veriff", source("veriff", Map.of("secret", "veriff-shared-secret-key")),
                        "veriff-shared-secret-key",
                        (s, b, t) -> List.of("X-AUTH-CLIENT", "veriff-api-key",
                                "X-HMAC-SIGNATURE", ProviderSigning.hmacOfBody("HmacSHA256", s, b, false)),
                        utf8("{\"status\":\"success\",\"verification\":{\"id\":\"12df6045-3846-3e45-946a\","
                                + "\"status\":\"approved\"}}"), json, "inbound.veriff", true, false),
                new ProviderCase("airwallex", source("airwallex", Map.of("secret", "airwallex-webhook-secret")),
                        "airwallex-webhook-secret",
                        (s, b, t) -> List.of("x-timestamp", Long.toString(t * 1000 + 592),
                                "x-signature", ProviderSigning.airwallex(s, t * 1000 + 592, b)),
                        utf8("{\"id\":\"evt_hkdm6mbv2fn6mfbw2t3\",\"name\":\"payment_intent.succeeded\","
                                + "\"account_id\":\"acct_1\",\"data\":{\"object\":{}},"
                                + "\"created_at\":\"2026-12-01T15:00:00+0000\"}"),
                        json, "payment_intent.succeeded", true, true),
                new ProviderCase("meta", source("meta", Map.of("secret", "meta-app-secret",
                        "verifyToken", "meatyhamhock")), "meta-app-secret",
                        (s, b, t) -> List.of("X-Hub-Signature-256", ProviderSigning.github(s, b)),
                        utf8("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
                                + "\"changes\":[{\"field\":\"messages\",\"value\":{}}]}]}"),
                        json, "inbound.meta", true, false),
                new ProviderCase("hmac sha1 hex with prefix", hmac("X-Signature", "sha1", "hex", "sha1=", "h1"), "h1",
                        (s, b, t) -> List.of("X-Signature",
                                "sha1=" + ProviderSigning.hmacOfBody("HmacSHA1", s, b, false)),
                        utf8("{\"event\":\"a\"}"), json, "inbound.generic-webhook", true, false),
                new ProviderCase("hmac sha512 base64", hmac("X-Body-Signature", "sha512", "base64", "", "h2"), "h2",
                        (s, b, t) -> List.of("X-Body-Signature", ProviderSigning.hmacOfBody("HmacSHA512", s, b, true)),
                        utf8("plain text body"), "text/plain", "inbound.generic-webhook", true, false),
                new ProviderCase("hmac sha256 hex with prefix", hmac("X-Hook-Sig", "sha256", "hex", "sha256=", "h3"),
                        "h3",
                        (s, b, t) -> List.of("X-Hook-Sig", "sha256=" + ProviderSigning.hmacOfBody("HmacSHA256", s, b,
                                false)),
                        utf8("{}"), json, "inbound.generic-webhook", true, false),
                new ProviderCase("generic-webhook with basic auth", source("generic-webhook",
                        Map.of("basicAuth", Map.of("username", "acme", "password", "pa55"))), "pa55",
                        (s, b, t) -> List.of("Authorization", "Basic "
                                + Base64.getEncoder().encodeToString(utf8("acme:" + s))),
                        utf8("{\"x\":1}"), json, "inbound.generic-webhook", false, false));
    }

    private static Map<String, Object> source(String type, Map<String, Object> config) {
        return Map.of("name", "source " + type, "type", type, "config", config);
    }

    private static Map<String, Object> hmac(String header, String algorithm, String encoding, String prefix,
                                            String secret) {
        return source("generic-webhook", Map.of("hmac", Map.of("header", header, "algorithm", algorithm,
                "encoding", encoding, "prefix", prefix, "secret", secret)));
    }
}
