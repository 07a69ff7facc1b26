package dev.herald.server.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL location given as {@code postgresql://user:pass@host:5432/db?params} or as a JDBC URL; the
 * credentials are kept apart so the URL can be logged without them.
 */
public record PostgresUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    public static PostgresUrl parse(String text) {
        if (text.startsWith("jdbc:postgresql:")) {
            return new PostgresUrl(text, Optional.empty(), Optional.empty());
        }
        if (!text.startsWith("postgresql://") && !text.startsWith("postgres://")) {
            throw new IllegalArgumentException("a database URL starts with postgresql:// or jdbc:postgresql://");
        }
        URI uri = URI.create(text);
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = Optional.of(decode(parts[0]));
            password = parts.length == 2 ? Optional.of(decode(parts[1])) : Optional.empty();
        }
        return new PostgresUrl("jdbc:postgresql://" + host + ":" + port + path + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL without credentials, for logs and errors. */
    public String redacted() {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    @Override
    public String toString() {
        return redacted();
    }
}
