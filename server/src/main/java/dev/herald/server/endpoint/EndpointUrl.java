package dev.herald.server.endpoint;

import dev.herald.server.core.JsonInput;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rule for an endpoint's URL: an absolute http or https URL with a host, at most 65,536 characters. */
final class EndpointUrl {
    static final int MAX_LENGTH = 65_536;
    private static final Pattern REGISTRY_HOST = Pattern.compile("[A-Za-z0-9._~-]+");

    private EndpointUrl() {
    }

    static void check(JsonInput in, String field, String url) {
        if (url == null) {
            return;
        }
        if (url.length() > MAX_LENGTH) {
            in.error(field, "must be at most " + MAX_LENGTH + " characters");
        } else if (!isValid(url)) {
            in.error(field, "must be an absolute http or https URL with a host");
        }
    }

    static boolean isValid(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && !uri.isOpaque() && hasHost(uri);
    }

    /** Also accepts host names java.net.URI leaves unparsed, such as {@code my_service} in a container network. */
    private static boolean hasHost(URI uri) {
        if (uri.getHost() != null) {
            return !uri.getHost().isEmpty();
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return false;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1).replaceFirst(":[0-9]*$", "");
        return REGISTRY_HOST.matcher(host).matches();
    }
}
