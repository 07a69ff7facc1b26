package dev.herald.server.listen;

import java.net.URI;
import java.util.Locale;

/**
 * The URLs of endpoints that {@code herald listen} sessions receive: on the host {@code listen.herald.invalid},
 * which no resolver answers ({@code .invalid} is reserved), so such an endpoint is reached only through the relay.
 * An endpoint under {@code /session/} was made for one session and is deleted once its session is over; any other
 * path is kept, and any session may attach to it with {@code --endpoint}.
 */
public final class ListenerUrl {
    public static final String HOST = "listen.herald.invalid";
    public static final String SESSION_PREFIX = "http://" + HOST + "/session/";

    private ListenerUrl() {
    }

    public static boolean isListener(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && host.toLowerCase(Locale.ROOT).equals(HOST);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
