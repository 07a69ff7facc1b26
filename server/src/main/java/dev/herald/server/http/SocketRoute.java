package dev.herald.server.http;

import dev.herald.server.auth.Principal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A WebSocket on Herald's own port: an upgrade request whose path matches is authenticated like any API call
 * (bearer token), then {@link Opener#open} returns the socket's listener, or throws an {@code ApiException} that
 * is answered as the API would answer it.
 */
public record SocketRoute(Pattern path, Opener opener) {

    /** Opens the socket for a caller; {@code groups} are the path pattern's groups, URL-decoded. */
    @FunctionalInterface
    public interface Opener {
        Object open(Principal who, List<String> groups);
    }
}
