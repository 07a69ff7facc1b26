package dev.herald.server.attempt;

import dev.herald.server.app.Application;
import dev.herald.server.app.Applications;
import dev.herald.server.core.ApiException;
import dev.herald.server.endpoint.Endpoint;
import dev.herald.server.endpoint.Endpoints;
import dev.herald.server.http.Call;
import dev.herald.server.message.Message;
import dev.herald.server.message.Messages;

/**
 * The resources a call's path names ({@code app_id}, {@code endpoint_id}, {@code msg_id}, each an id or a uid),
 * checked against the caller, or a 404. Manual sends also start here, with {@link #requireEnabled}.
 */
final class PathLookups {
    private final Applications apps;
    private final Endpoints endpoints;
    private final Messages messages;

    PathLookups(Applications apps, Endpoints endpoints, Messages messages) {
        this.apps = apps;
        this.endpoints = endpoints;
        this.messages = messages;
    }

    Application app(Call call) {
        return apps.require(call.principal(), call.param("app_id"));
    }

    Endpoint endpoint(Call call, Application app) {
        return endpoint(call, app, call.param("endpoint_id"));
    }

    Endpoint endpoint(Call call, Application app, String idOrUid) {
        return endpoints.require(call.principal(), app, idOrUid);
    }

    Message message(Call call, Application app) {
        return messages.require(app, call.param("msg_id"));
    }

    /** Refuses (409) a manual send to a disabled endpoint: manual attempts never go to one. */
    static void requireEnabled(Endpoint endpoint) {
        if (endpoint.disabled()) {
            throw ApiException.conflict("endpoint " + endpoint.id() + " is disabled; enable it before sending to it");
        }
    }
}
