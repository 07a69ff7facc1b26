package dev.herald.server.http;

import dev.herald.server.auth.Authenticator;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.RegexPathSpec;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/** Puts the {@link SocketRoute}s in front of the API handler: authenticated upgrades, errors as the API's. */
final class SocketUpgrades {
    /** A socket with no frame for this long is closed; listeners ping well within it. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** The largest message a client may send (a listener's answer carries up to 20,000 characters of body). */
    static final long MAX_MESSAGE_BYTES = 1024 * 1024;

    private SocketUpgrades() {
    }

    static WebSocketUpgradeHandler handler(Server server, List<SocketRoute> routes, Authenticator authenticator) {
        return WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            for (SocketRoute route : routes) {
                container.addMapping(new RegexPathSpec(route.path().pattern()), (request, response, callback) -> {
                    try {
                        Matcher matcher = route.path().matcher(Request.getPathInContext(request));
                        List<String> groups = new ArrayList<>();
                        if (matcher.matches()) {
                            for (int i = 1; i <= matcher.groupCount(); i++) {
                                groups.add(URLDecoder.decode(matcher.group(i), StandardCharsets.UTF_8));
                            }
                        }
                        return route.opener().open(authenticator.authenticate(
                                Optional.ofNullable(request.getHeaders().get(HttpHeader.AUTHORIZATION))), groups);
                    } catch (Exception failure) {
                        refuse(ErrorReplies.from(failure, "GET", route.path().pattern()), response, callback);
                        return null;
                    }
                });
            }
        });
    }

    private static void refuse(Reply reply, ServerUpgradeResponse response, Callback callback) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
