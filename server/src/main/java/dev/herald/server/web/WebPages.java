package dev.herald.server.web;

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
 * Serves Herald's two pages from the jar, with no token: the app portal under {@code /portal/} (the page reads its
 * token from the URL's fragment) and the operator dashboard at {@code /} with its scripts under {@code /dashboard/}
 * (it asks for the admin token and keeps it in the tab's session storage). Both are the same HTML page, whose
 * script loads one or the other by path. Every file is sent with a strict
 * Content-Security-Policy — scripts, styles and connections from Herald only, no inline script — whose
 * {@code frame-ancestors} names the origins allowed to embed the portal; the dashboard may never be framed.
 */
public final class WebPages implements RouteGroup {
    public static final String PORTAL = "/portal/";
    private static final String DASHBOARD = "/dashboard/";
    private static final Pattern FILE = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors ";

    private final String portalPolicy;
    private final Map<String, Optional<byte[]>> files = new ConcurrentHashMap<>();

    public WebPages(List<String> portalFrameAncestors) {
        this.portalPolicy = POLICY + "'self'" + portalFrameAncestors.stream().map(o -> " " + o)
                .reduce("", String::concat);
    }

    @Override
    public void register(Router router) {
        router.add("GET", PORTAL + "{*}", Router.Access.PUBLIC, call -> serve(call, PORTAL, portalPolicy))
                .add("GET", DASHBOARD + "{*}", Router.Access.PUBLIC,
                        call -> serve(call, DASHBOARD, POLICY + "'none'"))
                .add("GET", "/", Router.Access.PUBLIC, call -> file(PORTAL, "index.html", POLICY + "'none'"));
    }

    private Reply serve(Call call, String folder, String policy) {
        String name = call.param("*");
        if (name.isEmpty() && !call.path().endsWith("/")) {
            return new Reply(308, null, new byte[0], Map.of("Location", folder));
        }
        return file(folder, name.isEmpty() ? "index.html" : name, policy);
    }

    private Reply file(String folder, String name, String policy) {
        Matcher file = FILE.matcher(name);
        if (!file.matches()) {
            throw ApiException.notFound("page");
        }
        byte[] body = files.computeIfAbsent(folder + name, WebPages::read)
                .orElseThrow(() -> ApiException.notFound("page"));
        return new Reply(200, TYPES.get(file.group(1)), body, Map.of(
                "Content-Security-Policy", policy,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "Cache-Control", "no-cache"));
    }

    private static Optional<byte[]> read(String path) {
        try (InputStream in = WebPages.class.getClassLoader().getResourceAsStream(path.substring(1))) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
