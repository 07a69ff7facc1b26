package dev.herald.server.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Builds the {@link Config}: flags override environment variables, which override the config file, which overrides
 * defaults. Every bad value fails here with a message naming the setting and what it accepts.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static Config load(Map<Setting, String> flags, Map<String, String> env, Optional<Path> configFile) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            s.defaultValue().ifPresent(v -> values.put(s, v));
        }
        configFile.ifPresent(file -> values.putAll(readFile(file)));
        for (Setting s : Setting.values()) {
            String fromEnv = env.get(s.env());
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(s, fromEnv);
            }
        }
        values.putAll(flags);
        return build(values);
    }

    private static Map<Setting, String> readFile(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (String key : props.stringPropertyNames()) {
            Setting setting = Setting.byFileKey(key).orElseThrow(() -> new ConfigException(
                    "unknown setting '" + key + "' in " + file + "; known: "
                            + Arrays.stream(Setting.values()).map(Setting::flag).toList()));
            values.put(setting, props.getProperty(key).trim());
        }
        return values;
    }

    private static Config build(Map<Setting, String> v) {
        int port = parse(v, Setting.PORT, Integer::parseInt);
        if (port < 0 || port > 65535) {
            throw new ConfigException(Setting.PORT.env() + " must be between 0 and 65535, got " + port);
        }
        List<Duration> schedule = parse(v, Setting.RETRY_SCHEDULE, text -> text.isBlank() ? List.<Duration>of()
                : Arrays.stream(text.split(",")).map(Durations::parse).toList());
        int concurrency = parse(v, Setting.ENDPOINT_CONCURRENCY, Integer::parseInt);
        if (concurrency < 1 || concurrency > 1000) {
            throw new ConfigException(Setting.ENDPOINT_CONCURRENCY.env() + " must be between 1 and 1000");
        }
        int maxHeld = parse(v, Setting.MAX_HELD_TASKS, Integer::parseInt);
        if (maxHeld < 1 || maxHeld > 1_000_000) {
            throw new ConfigException(Setting.MAX_HELD_TASKS.env() + " must be between 1 and 1000000");
        }
        int poolSize = parse(v, Setting.DB_POOL_SIZE, Integer::parseInt);
        if (poolSize < 1 || poolSize > 1000) {
            throw new ConfigException(Setting.DB_POOL_SIZE.env() + " must be between 1 and 1000");
        }
        String logFormat = v.getOrDefault(Setting.LOG_FORMAT, "text");
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new ConfigException(Setting.LOG_FORMAT.env() + " must be text or json, got '" + logFormat + "'");
        }
        Duration timeout = parse(v, Setting.REQUEST_TIMEOUT, Durations::parse);
        if (timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigException(Setting.REQUEST_TIMEOUT.env() + " must be between 1ms and 5m");
        }
        return new Config(
                port,
                v.get(Setting.BIND),
                Path.of(v.get(Setting.DATA_DIR)),
                optional(v, Setting.DATABASE_URL),
                poolSize,
                optional(v, Setting.ADMIN_TOKEN),
                parse(v, Setting.ALLOW_NETWORKS, text -> Arrays.stream(text.split(","))
                        .filter(s -> !s.isBlank()).map(Cidr::parse).toList()),
                schedule,
                optional(v, Setting.SECRET_KEY),
                optional(v, Setting.JWT_SECRET),
                optional(v, Setting.PUBLIC_URL),
                timeout,
                parse(v, Setting.DISABLE_AFTER, Durations::parse),
                parse(v, Setting.RETENTION, Durations::parse),
                maxBody(v),
                httpLimits(v),
                resourceLimits(v),
                concurrency,
                maxHeld,
                optional(v, Setting.METRICS_TOKEN),
                frameAncestors(v),
                logFormat,
                optional(v, Setting.NODE_URL));
    }

    /** Origins only (scheme, host, optional port), so nothing else can be slipped into the portal's CSP header. */
    private static List<String> frameAncestors(Map<Setting, String> v) {
        List<String> origins = Arrays.stream(v.getOrDefault(Setting.PORTAL_FRAME_ANCESTORS, "").split("[,\\s]+"))
                .filter(s -> !s.isBlank()).toList();
        for (String origin : origins) {
            if (!origin.matches("https?://[A-Za-z0-9.*-]+(:[0-9]{1,5})?")) {
                throw new ConfigException(Setting.PORTAL_FRAME_ANCESTORS.env() + " (--"
                        + Setting.PORTAL_FRAME_ANCESTORS.flag() + ") must list origins such as https://app.example.com,"
                        + " got '" + origin + "'");
            }
        }
        return origins;
    }

    /** Above 1 GiB a body no longer fits the arrays it is read into, and no webhook is that large. */
    private static long maxBody(Map<Setting, String> v) {
        long maxBody = parse(v, Setting.MAX_BODY, Durations::parseBytes);
        if (maxBody < 1 || maxBody > 1L << 30) {
            throw new ConfigException(Setting.MAX_BODY.env() + " (--" + Setting.MAX_BODY.flag()
                    + ") must be between 1 byte and 1GiB, got " + maxBody + " bytes");
        }
        return maxBody;
    }

    private static ResourceLimits resourceLimits(Map<Setting, String> v) {
        return new ResourceLimits(atLeastOne(v, Setting.MAX_DESCRIPTION, Integer::parseInt),
                atLeastOne(v, Setting.MAX_ENDPOINT_HEADERS, Integer::parseInt),
                atLeastOne(v, Setting.MAX_HEADER_SIZE, text -> Math.toIntExact(Durations.parseBytes(text))),
                atLeastOne(v, Setting.MAX_ENDPOINTS_PER_APP, Integer::parseInt),
                atLeastOne(v, Setting.MAX_EVENT_TYPES, Integer::parseInt));
    }

    private static int atLeastOne(Map<Setting, String> v, Setting setting, Function<String, Integer> parser) {
        int value = parse(v, setting, parser);
        if (value < 1) {
            throw new ConfigException(setting.env() + " (--" + setting.flag() + ") must be at least 1, got " + value);
        }
        return value;
    }

    private static HttpLimits httpLimits(Map<Setting, String> v) {
        Duration idle = parse(v, Setting.HTTP_IDLE_TIMEOUT, Durations::parse);
        if (idle.compareTo(Duration.ofSeconds(1)) < 0 || idle.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException(Setting.HTTP_IDLE_TIMEOUT.env() + " must be between 1s and 1h");
        }
        return new HttpLimits(idle, atLeastOne(v, Setting.HTTP_MAX_CONNECTIONS, Integer::parseInt),
                parse(v, Setting.HTTP_MIN_BODY_RATE, Durations::parseBytes));
    }

    private static Optional<String> optional(Map<Setting, String> values, Setting setting) {
        return Optional.ofNullable(values.get(setting)).filter(s -> !s.isBlank());
    }

    private static <T> T parse(Map<Setting, String> values, Setting setting, Function<String, T> parser) {
        String text = values.getOrDefault(setting, "");
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new ConfigException("invalid " + setting.env() + " (--" + setting.flag() + ") '" + text + "': "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
