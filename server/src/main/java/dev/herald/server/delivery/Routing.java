package dev.herald.server.delivery;

import dev.herald.server.endpoint.Endpoint;
import java.util.List;

/**
 * Which endpoints a message goes to (Svix's rules): the endpoint is enabled; its event-type filter is empty or
 * names the message's type; it has no channels, or shares at least one with the message (so a message without
 * channels never reaches an endpoint that has some).
 */
public final class Routing {
    private Routing() {
    }

    public static boolean matches(Endpoint endpoint, String eventType, List<String> channels) {
        if (endpoint.disabled()) {
            return false;
        }
        List<String> types = endpoint.eventTypes();
        if (types != null && !types.isEmpty() && !types.contains(eventType)) {
            return false;
        }
        List<String> wanted = endpoint.channels();
        if (wanted == null || wanted.isEmpty()) {
            return true;
        }
        return channels != null && channels.stream().anyMatch(wanted::contains);
    }
}
