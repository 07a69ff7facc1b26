package dev.herald.server.http;

import dev.herald.server.core.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps method and path to a handler. Patterns are segments with {@code {name}} parameters; a trailing slash is
 * ignored; when several patterns match, the one with more literal segments wins.
 */
public final class Router {

    /** Who may call a route. */
    public enum Access { PUBLIC, AUTHENTICATED }

    /** {@code offered} is false for a Svix operation Herald answers 501 to; such a route is never "allowed". */
    record Route(String method, String pattern, String[] segments, Access access, Handler handler, boolean offered) {
        int literalCount() {
            int n = 0;
            for (String s : segments) {
                if (!s.startsWith("{")) {
                    n++;
                }
            }
            return n;
        }
    }

    /** A registered route as tools and tests see it (the router's table, without the handlers). */
    public record Entry(String method, String pattern, Access access) {
    }

    /** A matched route and its path parameters. */
    record Match(Route route, Map<String, String> params) {
    }

    /** The outcome of a lookup: a route, or the methods the path does allow (empty: no such path). */
    record Lookup(Optional<Match> match, Set<String> allowedMethods) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router get(String pattern, Handler handler) {
        return add("GET", pattern, Access.AUTHENTICATED, handler);
    }

    public Router post(String pattern, Handler handler) {
        return add("POST", pattern, Access.AUTHENTICATED, handler);
    }

    public Router put(String pattern, Handler handler) {
        return add("PUT", pattern, Access.AUTHENTICATED, handler);
    }

    public Router patch(String pattern, Handler handler) {
        return add("PATCH", pattern, Access.AUTHENTICATED, handler);
    }

    public Router delete(String pattern, Handler handler) {
        return add("DELETE", pattern, Access.AUTHENTICATED, handler);
    }

    public Router add(String method, String pattern, Access access, Handler handler) {
        routes.add(new Route(method, pattern, split(pattern), access, handler, true));
        return this;
    }

    /** Every route Herald serves (not the 501 answers to Svix operations it does not), in the order added. */
    public List<Entry> entries() {
        return routes.stream().filter(Route::offered).map(r -> new Entry(r.method(), r.pattern(), r.access()))
                .toList();
    }

    /**
     * Answers {@code 501 not_implemented} to each Svix operation that no route registered so far serves, so that a
     * client can tell "not offered here" from "no such resource". Such a route is public: nothing is behind it,
     * and a client learns the same whatever its token. Call once, after every feature has added its routes.
     */
    public Router notOffered(List<SvixOperations.Operation> operations) {
        for (SvixOperations.Operation op : operations) {
            if (!serves(op.method(), op.path())) {
                String detail = "Herald does not offer " + op.method() + " " + op.path() + " (" + op.operationId()
                        + "); docs/compatibility.md lists what it offers";
                routes.add(new Route(op.method(), op.path(), split(op.path()), Access.PUBLIC, call -> {
                    throw ApiException.notImplemented(detail);
                }, false));
            }
        }
        return this;
    }

    /** Whether a registered route takes this method on paths of this pattern (parameter names aside). */
    boolean serves(String method, String pattern) {
        String shape = shape(split(pattern));
        return routes.stream().anyMatch(r -> r.offered() && r.method().equals(method)
                && shape(r.segments()).equals(shape));
    }

    private static String shape(String[] segments) {
        return String.join("/", Arrays.stream(segments).map(s -> s.startsWith("{") ? "{}" : s).toList());
    }

    Lookup lookup(String method, String path) {
        String[] parts = split(path);
        Match best = null;
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), parts);
            if (params == null) {
                continue;
            }
            if (route.offered()) {
                allowed.add(route.method());
            }
            boolean methodMatches = route.method().equals(method) || route.method().equals("*");
            if (methodMatches && (best == null || route.literalCount() > best.route().literalCount())) {
                best = new Match(route, params);
            }
        }
        return new Lookup(Optional.ofNullable(best), allowed);
    }

    private static Map<String, String> match(String[] pattern, String[] path) {
        boolean tail = pattern.length > 0 && pattern[pattern.length - 1].equals("{*}");
        if (tail ? path.length < pattern.length - 1 : path.length != pattern.length) {
            return null;
        }
        // literal segments first: a lookup tries every route, and most fail here, before anything is allocated
        for (int i = 0; i < pattern.length && !pattern[i].equals("{*}"); i++) {
            if (!pattern[i].startsWith("{") && !pattern[i].equals(path[i])) {
                return null;
            }
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.equals("{*}")) {
                params.put("*", String.join("/", Arrays.copyOfRange(path, i, path.length)));
                return params;
            }
            if (p.startsWith("{")) {
                params.put(p.substring(1, p.length() - 1), path[i]);
            }
        }
        return params;
    }

    private static String[] split(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return start == end ? new String[0] : path.substring(start, end).split("/");
    }
}
