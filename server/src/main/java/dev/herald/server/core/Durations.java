package dev.herald.server.core;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human durations used in settings: {@code 500ms}, {@code 5s}, {@code 30m}, {@code 2h}, {@code 5d}. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 500ms, 5s, 30m, 2h or 5d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    public static long parseBytes(String text) {
        Matcher m = Pattern.compile("(\\d+)\\s*(b|kib|kb|mib|mb|gib|gb)?").matcher(text.trim().toLowerCase());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size such as 512KiB or 2MiB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        return switch (unit) {
            case "kib", "kb" -> n * 1024;
            case "mib", "mb" -> n * 1024 * 1024;
            case "gib", "gb" -> n * 1024 * 1024 * 1024;
            default -> n;
        };
    }
}
