package dev.herald.server.message;

import dev.herald.server.app.Application;
import dev.herald.server.app.ApplicationFields;
import dev.herald.server.app.Applications;
import dev.herald.server.auth.Principal;
import dev.herald.server.core.ApiException;
import dev.herald.server.core.Json;
import dev.herald.server.core.OperationalEvents;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers Herald's operational events as ordinary messages of a reserved application per organisation (uid
 * {@value OperationalEvents#APP_UID}, created on first use), so they are stored, signed, retried and logged like
 * any delivery. The operational webhook endpoints are that application's endpoints, each filtered by event type;
 * the payload is Svix's {@code {"type","timestamp","data"}}. Events about the reserved application's own
 * endpoints are not raised, so a failing operational endpoint cannot feed itself events.
 */
public final class OperationalEventSender implements OperationalEvents {
    private static final Logger log = LoggerFactory.getLogger(OperationalEventSender.class);

    private final Applications apps;
    private final Clock clock;
    private volatile Messages messages;

    public OperationalEventSender(Applications apps, Clock clock) {
        this.apps = apps;
        this.clock = clock;
    }

    /** Completes the wiring (messages need the delivery engine, which needs this sender). */
    public void attach(Messages messageService) {
        this.messages = messageService;
    }

    @Override
    public void emit(String orgId, String type, Map<String, Object> data) {
        if (APP_UID.equals(data.get("appUid"))) {
            return;
        }
        Messages target = messages;
        if (target == null) {
            return;
        }
        try {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("type", type);
            payload.put("timestamp", clock.instant().toString());
            Principal admin = new Principal.Admin(orgId);
            payload.put("data", withMessageEventId(admin, target, data));
            MessageFields fields = MessageFields.internal(type, Json.write(payload));
            target.accept(operationalApp(admin), fields);
            log.debug("operational event raised type={} org={}", type, orgId);
        } catch (RuntimeException e) {
            log.warn("operational event could not be stored type={} org={}", type, orgId, e);
        }
    }

    /**
     * Svix names a message's {@code eventId} ({@code msgEventId}) next to its id in the message.attempt events; the
     * delivery engine that raises them knows only the id.
     */
    private Map<String, Object> withMessageEventId(Principal admin, Messages target, Map<String, Object> data) {
        if (!(data.get("msgId") instanceof String msgId) || !(data.get("appId") instanceof String appId)) {
            return data;
        }
        Optional<String> eventId = apps.find(admin, appId).flatMap(app -> target.find(app, msgId))
                .map(Message::eventId);
        if (eventId.isEmpty()) {
            return data;
        }
        Map<String, Object> enriched = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            enriched.put(key, value);
            if (key.equals("msgId")) {
                enriched.put("msgEventId", eventId.get());
            }
        });
        return enriched;
    }

    /** The organisation's reserved application, created when missing; organisation tokens only (else 403). */
    public Application operationalApp(Principal admin) {
        admin.requireOrgAccess();
        Optional<Application> existing = apps.find(admin, APP_UID);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return apps.create(admin, new ApplicationFields("Herald operational events", APP_UID, null, Map.of()));
        } catch (ApiException conflict) {
            return apps.require(admin, APP_UID); // created concurrently by another event
        }
    }
}
