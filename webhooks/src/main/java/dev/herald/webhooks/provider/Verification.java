package dev.herald.webhooks.provider;

import java.util.Objects;

/**
 * The outcome of checking an inbound webhook: an expected failure is a value the caller switches over, not an
 * exception.
 */
public sealed interface Verification {

    /** The request carries a valid signature (and, where the provider has one, a fresh timestamp). */
    record Verified() implements Verification {
    }

    /** The request must not be trusted; the reason names what failed and never contains a secret. */
    record Rejected(String reason) implements Verification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Verification verified() {
        return new Verified();
    }

    static Verification rejected(String reason) {
        return new Rejected(reason);
    }
}
