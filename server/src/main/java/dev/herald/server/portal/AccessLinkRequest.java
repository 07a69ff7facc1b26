package dev.herald.server.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.server.auth.PortalCapability;
import dev.herald.server.core.JsonInput;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Svix's {@code AppPortalAccessIn}, validated: how long the link lives (1 hour to 7 days, default 7 days), what it
 * may do (every capability when none are named; {@code ViewBase} always), the feature flags it sees, the session it
 * belongs to, and the application to create when the path names none yet.
 */
record AccessLinkRequest(Duration expiry, Set<PortalCapability> capabilities, Set<String> featureFlags,
                         Optional<String> sessionId, Optional<ObjectNode> application) {
    static final long MIN_EXPIRY_SECONDS = 3_600;
    static final long MAX_EXPIRY_SECONDS = 604_800;
    private static final Pattern FLAG = Pattern.compile("[a-zA-Z0-9\\-_.]{1,256}");
    static final Pattern SESSION = Pattern.compile("[a-zA-Z0-9@_-]{1,64}");

    static AccessLinkRequest from(JsonInput in) {
        long expiry = in.integer("expiry", MIN_EXPIRY_SECONDS, MAX_EXPIRY_SECONDS).orElse(MAX_EXPIRY_SECONDS);
        Set<PortalCapability> capabilities = capabilities(in);
        if (in.bool("readOnly").orElse(false)) {
            capabilities = PortalCapability.readOnly(capabilities);
        }
        List<String> flags = in.stringList("featureFlags").orElse(List.of());
        if (flags.size() > 25 || !flags.stream().allMatch(f -> FLAG.matcher(f).matches())) {
            in.error("featureFlags", "at most 25 flags, each of letters, digits, '-', '_' and '.'");
        }
        Optional<String> session = in.string("sessionId");
        if (session.isPresent() && !SESSION.matcher(session.get()).matches()) {
            in.error("sessionId", "1 to 64 letters, digits, '@', '_' or '-'");
        }
        Optional<ObjectNode> application = in.node("application").filter(ObjectNode.class::isInstance)
                .map(ObjectNode.class::cast);
        if (in.node("application").isPresent() && application.isEmpty()) {
            in.error("application", "must be an object");
        }
        in.check();
        return new AccessLinkRequest(Duration.ofSeconds(expiry), capabilities, new LinkedHashSet<>(flags), session,
                application);
    }

    private static Set<PortalCapability> capabilities(JsonInput in) {
        Optional<List<String>> names = in.stringList("capabilities");
        if (names.isEmpty()) {
            return PortalCapability.all();
        }
        Set<PortalCapability> out = EnumSet.of(PortalCapability.VIEW_BASE);
        for (String name : names.get()) {
            PortalCapability.fromWire(name).ifPresentOrElse(out::add,
                    () -> in.error("capabilities", "unknown capability '" + name + "'"));
        }
        return out;
    }
}
