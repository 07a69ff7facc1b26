package dev.herald.server.portal;

import dev.herald.server.core.ApiException;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves the app portal's page and its scripts and styles from the jar under {@code /portal/}, with no token: the
 * page reads the token from its URL's fragment and calls the API with it. Every file is sent with a strict
 * Content-Security-Policy (scripts and styles from Herald only, no inline script) whose {@code frame-ancestors}
 * names the origins allowed to embed the portal.
 */
public final class PortalPages implements RouteGroup {
    private static final Pattern FILE = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final String contentSecurityPolicy;
    private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

    public PortalPages(List<String> frameAncestors) {
        this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data: https:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
                + "frame-ancestors 'self'" + frameAncestors.stream().map(o -> " " + o).reduce("", String::concat);
    }

    @Override
    public void register(Router router) {
        router.add("GET", PortalAccess.PORTAL_PATH + "{*}", Router.Access.PUBLIC, this::serve);
    }

    private Reply serve(Call call) {
        String name = call.param("*");
        if (name.isEmpty() && !call.path().endsWith("/")) {
            return new Reply(308, null, new byte[0], Map.of("Location", PortalAccess.PORTAL_PATH));
        }
        Matcher file = FILE.matcher(name.isEmpty() ? "index.html" : name);
        if (!file.matches()) {
            throw ApiException.notFound("portal file");
        }
        byte[] body = files.computeIfAbsent(file.group(), PortalPages::read)
                .orElseThrow(() -> ApiException.notFound("portal file"));
        return new Reply(200, TYPES.get(file.group(1)), body, Map.of(
                "Content-Security-Policy", contentSecurityPolicy,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "Cache-Control", "no-cache"));
    }

    private static Optional<byte[]> read(String name) {
        try (InputStream in = PortalPages.class.getClassLoader().getResourceAsStream("portal/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
