package dev.herald.server.auth;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What an app portal token may do beyond reading its application (Svix's {@code AppPortalCapability}). */
public enum PortalCapability {
    /** Read the application, its endpoints (without secrets), messages, attempts, stats and the event types. */
    VIEW_BASE("ViewBase"),
    /** Read an endpoint's signing secret. */
    VIEW_ENDPOINT_SECRET("ViewEndpointSecret"),
    /** Read and rotate an endpoint's signing secret. */
    MANAGE_ENDPOINT_SECRET("ManageEndpointSecret"),
    /** Change endpoint transformations (Herald has none, so this grants nothing more). */
    MANAGE_TRANSFORMATIONS("ManageTransformations"),
    /** Resend, recover, replay missing messages or in bulk, and send example events. */
    CREATE_ATTEMPTS("CreateAttempts"),
    /** Create, change, disable and delete endpoints, their headers and secrets. */
    MANAGE_ENDPOINT("ManageEndpoint");

    private final String wireName;

    PortalCapability(String wireName) {
        this.wireName = wireName;
    }

    /** The name in Svix's API, e.g. {@code ViewBase}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<PortalCapability> fromWire(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    public static Set<PortalCapability> all() {
        return EnumSet.allOf(PortalCapability.class);
    }

    /** What a read-only link keeps of the given capabilities: the ones that change nothing. */
    public static Set<PortalCapability> readOnly(Set<PortalCapability> given) {
        Set<PortalCapability> kept = EnumSet.of(VIEW_BASE);
        if (given.contains(VIEW_ENDPOINT_SECRET)) {
            kept.add(VIEW_ENDPOINT_SECRET);
        }
        return kept;
    }
}
