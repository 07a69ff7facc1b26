package dev.herald.webhooks;

/**
 * Why a webhook was not accepted: a missing header, a timestamp outside the tolerance or no matching signature.
 * The message names what failed and never contains a secret.
 */
public final class WebhookVerificationException extends RuntimeException {

    WebhookVerificationException(String message) {
        super(message);
    }
}
