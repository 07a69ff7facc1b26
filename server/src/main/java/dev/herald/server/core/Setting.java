package dev.herald.server.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every operator setting in one table: its environment variable, flag, config-file key, default and help text.
 * The CLI, the config loader and the README are all derived from (or checked against) this list.
 */
public enum Setting {
    PORT("port", "8071", "HTTP port (API, inbound URLs, UI)"),
    BIND("bind", "0.0.0.0", "listen address"),
    DATA_DIR("data-dir", "./data", "directory of the embedded store"),
    DATABASE_URL("database-url", null,
            "PostgreSQL URL (postgresql://user:pass@host:5432/db or jdbc:postgresql://...); replaces the embedded store"),
    DB_POOL_SIZE("db-pool-size", "16",
            "connections this node keeps to PostgreSQL, plus one for flushing; "
                    + "keep nodes x (size + 1) below the server's max_connections"),
    ADMIN_TOKEN("admin-token", null, "bearer token with full access to the API (generated at first start if unset)"),
    ALLOW_NETWORKS("allow-networks", "",
            "comma-separated CIDRs that deliveries may reach although private, loopback or link-local"),
    RETRY_SCHEDULE("retry-schedule", "5s,5m,30m,2h,5h,10h,10h",
            "delays between attempts; the number of entries is the number of retries"),
    SECRET_KEY("secret-key", null, "key that encrypts endpoint secrets and headers and source secrets at rest (generated into the store if unset)"),
    JWT_SECRET("jwt-secret", null, "HS256 secret that signs Svix-style JWT bearer tokens (unset: JWTs are refused)"),
    PUBLIC_URL("public-url", null, "base URL under which this server is reached (for ingest URLs); default http://localhost:PORT"),
    REQUEST_TIMEOUT("request-timeout", "15s", "timeout of one delivery attempt"),
    DISABLE_AFTER("disable-after", "5d", "an endpoint failing continuously this long is disabled"),
    RETENTION("retention", "90d", "payloads, attempt bodies and captured inbound requests older than this are pruned"),
    MAX_BODY("max-body", "2MiB", "largest request body accepted by the API and inbound URLs"),
    HTTP_IDLE_TIMEOUT("http-idle-timeout", "30s",
            "an HTTP connection that sends nothing for this long is closed (a request waiting for its body gets 408)"),
    HTTP_MAX_CONNECTIONS("http-max-connections", "10000",
            "open HTTP connections at once; further clients wait to be accepted"),
    HTTP_MIN_BODY_RATE("http-min-body-rate", "1KiB",
            "a request body arriving slower than this many bytes per second (judged from 5 s after the route starts "
                    + "reading it) is refused with 408; 0: no minimum"),
    MAX_DESCRIPTION("max-description", "4096", "longest endpoint description, in characters"),
    MAX_ENDPOINT_HEADERS("max-endpoint-headers", "50", "most custom headers one endpoint may send"),
    MAX_HEADER_SIZE("max-header-size", "8KiB", "largest custom header of an endpoint, name and value together"),
    MAX_ENDPOINTS_PER_APP("max-endpoints-per-app", "1000", "most endpoints one application may have"),
    MAX_EVENT_TYPES("max-event-types", "10000", "most event types (archived ones included) the organisation may have"),
    ENDPOINT_CONCURRENCY("endpoint-concurrency", "16", "deliveries in flight at once per endpoint on one node"),
    MAX_HELD_TASKS("max-held-tasks", "20000",
            "tasks one node holds in memory over all endpoints beyond each endpoint's own concurrency; "
                    + "the rest of a backlog waits in the store"),
    METRICS_TOKEN("metrics-token", null, "bearer token that GET /metrics requires (unset: /metrics is open)"),
    PORTAL_FRAME_ANCESTORS("portal-frame-ancestors", "",
            "space- or comma-separated origins (https://app.example.com) that may show the app portal in an iframe; "
                    + "empty: Herald's own origin only"),
    LOG_FORMAT("log-format", "text", "log format on stdout: text or json"),
    NODE_URL("node-url", null, "base URL at which the other nodes reach this one, to relay deliveries to a "
            + "herald listen session held here; default http://BIND:PORT (this host's address when BIND is 0.0.0.0)");

    private final String flag;
    private final String defaultValue;
    private final String help;

    Setting(String flag, String defaultValue, String help) {
        this.flag = flag;
        this.defaultValue = defaultValue;
        this.help = help;
    }

    /** The flag name without dashes, also the key in a config file. */
    public String flag() {
        return flag;
    }

    public String env() {
        return "HERALD_" + name();
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String help() {
        return help;
    }

    public static Optional<Setting> byFileKey(String key) {
        String normalized = key.trim().toLowerCase().replace('_', '-');
        String stripped = normalized.startsWith("herald-") ? normalized.substring(7) : normalized;
        return Arrays.stream(values()).filter(s -> s.flag.equals(stripped)).findFirst();
    }
}
