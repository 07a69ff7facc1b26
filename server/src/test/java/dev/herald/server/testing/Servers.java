package dev.herald.server.testing;

import dev.herald.server.core.Setting;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Argument sources for contract tests: one running server per store, started when its round of the test class
 * begins and closed by JUnit when that round ends ({@code @ParameterizedClass} closes AutoCloseable arguments).
 * Use as {@code @ParameterizedClass @MethodSource("dev.herald.server.testing.Servers#eachStore")} with a
 * {@code @Parameter TestHerald server} field.
 */
public final class Servers {
    private Servers() {
    }

    /** A default server on each store. */
    public static Stream<TestHerald> eachStore() {
        return eachStore(Map.of());
    }

    /** A server on each store with these settings (e.g. a short retry schedule). */
    public static Stream<TestHerald> eachStore(Map<Setting, String> settings) {
        return Arrays.stream(StoreKind.values()).map(store -> TestHerald.start(store, settings));
    }

    /** Servers whose retries come after one second, for tests that watch retries happen. */
    public static Stream<TestHerald> eachStoreRetryingAfterOneSecond() {
        return eachStore(Map.of(Setting.RETRY_SCHEDULE, "1s"));
    }

    /** Servers that refuse every private destination, loopback included, as Herald does by default. */
    public static Stream<TestHerald> eachStoreRefusingPrivateNetworks() {
        return eachStore(Map.of(Setting.ALLOW_NETWORKS, ""));
    }

    /** Servers whose attempts time out after two seconds and are not retried within a test's time. */
    public static Stream<TestHerald> eachStoreWithTwoSecondAttemptsAndNoRetry() {
        return eachStore(Map.of(Setting.REQUEST_TIMEOUT, "2s", Setting.RETRY_SCHEDULE, "1h"));
    }
}
