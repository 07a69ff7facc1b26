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
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Serves the {@link SocketRoute}s beside the API handler: a WebSocket upgrade request goes to Jetty's upgrade
 * handler (authenticated, errors as the API's), every other request straight to the API handler, untouched by
 * WebSocket code.
 */
final class SocketUpgrades {
    /** A socket with no frame for this long is closed; listeners ping well within it. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** The largest message a client may send (a listener's answer carries up to 20,000 characters of body). */
    static final long MAX_MESSAGE_BYTES = 1024 * 1024;

    private SocketUpgrades() {
    }

    static Handler beside(Server server, Handler api, List<SocketRoute> routes, Authenticator authenticator) {
        WebSocketUpgradeHandler upgrades = handler(server, routes, authenticator);
        upgrades.setServer(server); // a bean beside the handler tree, not in it: it would not be given the server
        return new Handler.Wrapper(api) {
            {
                addBean(upgrades);
            }

            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                if ("websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))
                        && routes.stream().anyMatch(route -> route.path().matcher(path).matches())) {
                    return upgrades.handle(request, response, callback);
                }
                return super.handle(request, response, callback);
            }
        };
    }

    private static WebSocketUpgradeHandler handler(Server server, List<SocketRoute> routes,
                                                   Authenticator authenticator) {
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
