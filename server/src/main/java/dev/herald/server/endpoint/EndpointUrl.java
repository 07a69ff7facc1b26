package dev.herald.server.endpoint;

import dev.herald.server.core.JsonInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an endpoint's deliveries go: an absolute http or https URL (any case) with a host, no user info and a port
 * from 1 to 65535. It is the one rule of both sides: the API refuses (422) what the sender could never send, and
 * the sender sends to the URI this rule hands back, so an accepted URL is a deliverable one.
 */
public final class EndpointUrl {
    static final int MAX_LENGTH = 65_536;
    private static final String NOT_HTTP = "must be an absolute http or https URL with a host";
    /** Host names java.net.URI leaves unparsed, such as {@code my_service} in a container network, and a port. */
    private static final Pattern REGISTRY_AUTHORITY = Pattern.compile("[A-Za-z0-9._~-]+(?::([0-9]{0,9}))?");

    /** What a URL comes to: the URI to send to, or why nothing can be sent there. */
    public sealed interface Target {
        /** Deliveries go to {@code uri} (its scheme in lower case). */
        record Sendable(URI uri) implements Target {
        }

        /** Nothing can be sent to this URL, for {@code reason}. */
        record Unsendable(String reason) implements Target {
        }
    }

    private EndpointUrl() {
    }

    /** Reads {@code url} by the sender's rules. */
    public static Target parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Target.Unsendable(NOT_HTTP);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getRawAuthority();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.isOpaque() || authority == null) {
            return new Target.Unsendable(NOT_HTTP);
        }
        if (authority.contains("@")) {
            return new Target.Unsendable("must not contain user info (user:password@); "
                    + "send credentials in a header such as Authorization");
        }
        int port;
        if (uri.getHost() != null) {
            port = uri.getPort();
        } else {
            Matcher registry = REGISTRY_AUTHORITY.matcher(authority);
            if (!registry.matches()) {
                return new Target.Unsendable(NOT_HTTP);
            }
            port = registry.group(1) == null || registry.group(1).isEmpty() ? -1 : Integer.parseInt(registry.group(1));
        }
        if (port == 0 || port > 65_535) {
            return new Target.Unsendable("must have a port from 1 to 65535");
        }
        return new Target.Sendable(scheme.equals(uri.getScheme()) ? uri
                : URI.create(scheme + url.substring(scheme.length())));
    }

    static void check(JsonInput in, String field, String url) {
        if (url == null) {
            return;
        }
        if (url.length() > MAX_LENGTH) {
            in.error(field, "must be at most " + MAX_LENGTH + " characters");
        } else if (parse(url) instanceof Target.Unsendable unsendable) {
            in.error(field, unsendable.reason());
        }
    }
}
