package dev.herald.server.attempt;

import dev.herald.server.app.Application;
import dev.herald.server.core.JsonInput;
import dev.herald.server.endpoint.Endpoint;
import dev.herald.server.http.Call;
import dev.herald.server.http.Reply;
import dev.herald.server.http.RouteGroup;
import dev.herald.server.http.Router;
import dev.herald.server.message.Message;
import dev.herald.server.message.MessageOut;
import dev.herald.server.message.Messages;

/**
 * Svix's {@code POST /api/v1/app/{app_id}/endpoint/{endpoint_id}/send-example}: a real message of the given event
 * type with an example payload, delivered to that endpoint only (202 MessageOut).
 */
final class SendExampleRoutes implements RouteGroup {
    private final PathLookups paths;
    private final Messages messages;
    private final ExamplePayloads examples;

    SendExampleRoutes(PathLookups paths, Messages messages, ExamplePayloads examples) {
        this.paths = paths;
        this.messages = messages;
        this.examples = examples;
    }

    @Override
    public void register(Router router) {
        router.post("/api/v1/app/{app_id}/endpoint/{endpoint_id}/send-example", this::sendExample);
    }

    private Reply sendExample(Call call) {
        Application app = paths.app(call);
        Endpoint endpoint = paths.endpoint(call, app);
        JsonInput in = JsonInput.parse(call.body());
        String eventType = in.requiredString("eventType");
        int index = in.integer("exampleIndex", 0, Integer.MAX_VALUE).orElse(0L).intValue();
        in.check();
        PathLookups.requireEnabled(endpoint);
        byte[] payload = examples.payload(call.principal().orgId(), eventType, index);
        Message message = messages.acceptFor(app, endpoint, eventType, payload);
        return Reply.accepted(MessageOut.of(message, true));
    }
}
