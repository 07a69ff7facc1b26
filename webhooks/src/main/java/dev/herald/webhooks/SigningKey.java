package dev.herald.webhooks;

/**
 * A key a sender signs Standard Webhooks messages with: a symmetric {@link WebhookSecret} ({@code v1}) or an
 * {@link Ed25519KeyPair} ({@code v1a}). Sealed so that every signer handles every kind of key.
 */
public sealed interface SigningKey permits WebhookSecret, Ed25519KeyPair {
}
