package dev.herald.server.delivery;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why an attempt was made: the schedule (first try and retries) or a person (resend, recover). */
public enum TriggerType {
    SCHEDULED(0), MANUAL(1);

    private final int code;

    TriggerType(int code) {
        this.code = code;
    }

    @JsonValue
    public int code() {
        return code;
    }

    public static TriggerType of(int code) {
        return code == 1 ? MANUAL : SCHEDULED;
    }
}
