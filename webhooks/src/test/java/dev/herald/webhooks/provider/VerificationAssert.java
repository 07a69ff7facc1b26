package dev.herald.webhooks.provider;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.AbstractStringAssert;

/** Assertions on a {@link Verification} that show the rejection reason when they fail. */
final class VerificationAssert {

    private VerificationAssert() {
    }

    static void assertVerified(Verification verification) {
        assertThat(verification).isInstanceOf(Verification.Verified.class);
    }

    static AbstractStringAssert<?> assertRejected(Verification verification) {
        assertThat(verification).isInstanceOf(Verification.Rejected.class);
        return assertThat(((Verification.Rejected) verification).reason()).isNotBlank();
    }
}
