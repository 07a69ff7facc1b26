package dev.herald.server.endpoint;

import dev.herald.server.app.Application;
import dev.herald.server.auth.Principal;
import dev.herald.server.core.ApiException;
import dev.herald.server.core.Ids;
import dev.herald.server.core.ListQuery;
import dev.herald.server.core.OperationalEvents;
import dev.herald.server.core.Page;
import dev.herald.server.core.ResourceLimits;
import dev.herald.server.core.Setting;
import dev.herald.server.core.ValidationException;
import dev.herald.server.eventtype.EventTypes;
import dev.herald.server.store.UniqueViolation;
import dev.herald.webhooks.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Endpoint use cases, the lookup every endpoint-scoped route starts with ({@link #require}), and the signing keys
 * the delivery engine signs with ({@link #signingKeys}). Callers limited to one application may manage that
 * application's endpoints (the app portal does).
 */
public final class Endpoints {
    static final Duration DEFAULT_GRACE = Duration.ofDays(1);
    static final Duration MAX_GRACE = Duration.ofDays(7);
    static final int MAX_PREVIOUS_SECRETS = 5;
    private static final int NAMED_IN_ERROR = 20;

    private final EndpointStore store;
    private final EventTypes eventTypes;
    private final Ids ids;
    private final Clock clock;
    private final OperationalEvents events;
    private final ResourceLimits limits;

    public Endpoints(EndpointStore store, EventTypes eventTypes, Ids ids, Clock clock, OperationalEvents events,
                     ResourceLimits limits) {
        this.store = store;
        this.eventTypes = eventTypes;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.limits = limits;
    }

    /** The endpoint of this application named by id or uid, or a 404. */
    public Endpoint require(Principal who, Application app, String endpointIdOrUid) {
        return find(who, app, endpointIdOrUid).orElseThrow(() -> ApiException.notFound("endpoint"));
    }

    /** The current secret, then every rotated-out secret not yet expired at {@code now}, newest first. */
    public List<SigningKey> signingKeys(String endpointId, Instant now) {
        return store.activeSecrets(endpointId, now).stream().map(EndpointSecret::signingKey).toList();
    }

    Optional<Endpoint> find(Principal who, Application app, String endpointIdOrUid) {
        who.requireApp(app.id());
        return store.find(app.id(), endpointIdOrUid);
    }

    Page<Endpoint> list(Application app, ListQuery query) {
        return store.list(app.id(), query);
    }

    Endpoint create(Principal who, Application app, EndpointFields fields) {
        requireEventTypes(who, app, fields, Set.of());
        if (store.count(app.id()) >= limits.maxEndpointsPerApp()) {
            throw ResourceLimits.full("this application", limits.maxEndpointsPerApp(), Setting.MAX_ENDPOINTS_PER_APP);
        }
        Instant now = clock.instant();
        Endpoint endpoint = withinLimits(fields.toEndpoint(ids.next("ep"), app.id(), Map.of(), now, now));
        try {
            store.insert(endpoint, fields.secret() == null ? EndpointSecret.generate() : fields.secret());
        } catch (UniqueViolation e) {
            throw uidTaken(fields.uid());
        }
        emit(who, "endpoint.created", app, endpoint);
        return endpoint;
    }

    /** Replaces the fields; a secret given with them becomes current as if rotated with the default grace period. */
    Endpoint update(Principal who, Application app, Endpoint current, EndpointFields fields) {
        requireEventTypes(who, app, fields,
                current.eventTypes() == null ? Set.of() : Set.copyOf(current.eventTypes()));
        boolean newSecret = fields.secret() != null && !fields.secret().equals(store.currentSecret(current.id()));
        if (newSecret) {
            requireRoomToRotate(current);
        }
        Endpoint updated = withinLimits(fields.toEndpoint(current.id(), app.id(), current.headers(),
                current.createdAt(), clock.instant()));
        try {
            store.update(updated);
        } catch (UniqueViolation e) {
            throw uidTaken(fields.uid());
        }
        if (newSecret) {
            rotateSecret(current, Optional.of(fields.secret()), DEFAULT_GRACE);
        }
        emit(who, "endpoint.updated", app, updated);
        if (updated.disabled() != current.disabled()) {
            emit(who, updated.disabled() ? "endpoint.disabled" : "endpoint.enabled", app, updated);
        }
        return updated;
    }

    void delete(Principal who, Application app, Endpoint endpoint) {
        store.delete(app.id(), endpoint.id());
        emit(who, "endpoint.deleted", app, endpoint);
    }

    EndpointSecret secret(Endpoint endpoint) {
        return store.currentSecret(endpoint.id());
    }

    /**
     * Makes the given (or a generated) secret current; the previous one keeps signing until the grace ends. A
     * rotation without grace (the way out of a leaked secret) is always allowed.
     */
    void rotateSecret(Endpoint endpoint, Optional<EndpointSecret> next, Duration grace) {
        if (!grace.isZero()) {
            requireRoomToRotate(endpoint);
        }
        Instant now = clock.instant();
        store.rotateSecret(endpoint.id(), next.orElseGet(EndpointSecret::generate), now, now.plus(grace));
    }

    Endpoint replaceHeaders(Endpoint endpoint, Map<String, String> headers) {
        Endpoint updated = withinLimits(endpoint.withHeaders(headers, clock.instant()));
        store.update(updated);
        return updated;
    }

    /** Refuses (422) a description or custom headers larger than the configured limits allow. */
    private Endpoint withinLimits(Endpoint endpoint) {
        if (endpoint.description() != null && endpoint.description().length() > limits.maxDescription()) {
            throw ValidationException.of("body", "description", "may be at most " + limits.maxDescription()
                    + " characters (" + Setting.MAX_DESCRIPTION.env() + ")");
        }
        if (endpoint.headers().size() > limits.maxEndpointHeaders()) {
            throw ValidationException.of("body", "headers", "may hold at most " + limits.maxEndpointHeaders()
                    + " headers (" + Setting.MAX_ENDPOINT_HEADERS.env() + ")");
        }
        endpoint.headers().forEach((name, value) -> {
            int size = (name + value).getBytes(StandardCharsets.UTF_8).length;
            if (size > limits.maxHeaderBytes()) {
                String shortName = name.substring(0, Math.min(name.length(), 64));
                throw ValidationException.of("body", "headers", "header '" + shortName + "' is larger than "
                        + limits.maxHeaderBytes() + " bytes (" + Setting.MAX_HEADER_SIZE.env() + ")");
            }
        });
        return endpoint;
    }

    /** Refuses (400) a rotation that would leave more previous secrets signing than the limit (bloated signatures). */
    private void requireRoomToRotate(Endpoint endpoint) {
        int previous = store.activeSecrets(endpoint.id(), clock.instant()).size() - 1;
        if (previous >= MAX_PREVIOUS_SECRETS) {
            throw new ApiException(400, "limit_reached", "an endpoint may have at most " + MAX_PREVIOUS_SECRETS
                    + " previous secrets in their grace period; rotate again when one has expired");
        }
    }

    /**
     * Refuses (422) subscriptions to event types the organisation does not have, or, for an operational endpoint,
     * that Herald does not raise; names kept from before pass.
     */
    private void requireEventTypes(Principal who, Application app, EndpointFields fields,
                                   Set<String> alreadySubscribed) {
        if (fields.eventTypes() == null) {
            return;
        }
        List<String> added = fields.eventTypes().stream().filter(n -> !alreadySubscribed.contains(n)).toList();
        Set<String> known = OperationalEvents.APP_UID.equals(app.uid())
                ? OperationalEvents.TYPES : eventTypes.activeNames(who.orgId(), added);
        List<String> unknown = added.stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            String named = String.join(", ", unknown.subList(0, Math.min(unknown.size(), NAMED_IN_ERROR)));
            String more = unknown.size() > NAMED_IN_ERROR ? " and " + (unknown.size() - NAMED_IN_ERROR) + " more" : "";
            throw ValidationException.of("body", "eventTypes", "these event types do not exist: " + named + more);
        }
    }

    /** Svix's EndpointCreatedEventData and its siblings; a manual disable says so, as EndpointDisabledEventData. */
    private void emit(Principal who, String type, Application app, Endpoint endpoint) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("appId", app.id());
        data.put("appUid", app.uid());
        data.put("endpointId", endpoint.id());
        data.put("endpointUid", endpoint.uid());
        data.values().removeIf(Objects::isNull);
        if (type.equals("endpoint.disabled")) {
            data.put("trigger", "manual");
        }
        events.emit(who.orgId(), type, Map.copyOf(data));
    }

    private static ApiException uidTaken(String uid) {
        return ApiException.conflict("an endpoint with uid '" + uid + "' already exists in this application");
    }
}
