package dev.herald.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** An endpoint's attempt log read through the API, for delivery tests that wait for an attempt to be recorded. */
public final class AttemptLog {
    private AttemptLog() {
    }

    /** The endpoint's newest attempt, once there is one (polling, for at most {@code limit}). */
    public static JsonNode awaitFirst(Api api, String appId, String endpointId, Duration limit) {
        String path = "/api/v1/app/" + appId + "/attempt/endpoint/" + endpointId;
        long deadline = System.nanoTime() + limit.toNanos();
        Api.Response last = api.get(path);
        while (System.nanoTime() < deadline) {
            last = api.get(path);
            if (last.status() == 200 && !last.json().path("data").isEmpty()) {
                return last.json().get("data").get(0);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no attempt for " + endpointId + " within " + limit + "; last answer: "
                + last.status() + " " + last.body());
    }
}
