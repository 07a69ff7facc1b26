package dev.herald.server.delivery;

import com.fasterxml.jackson.annotation.JsonValue;

/** Svix's delivery status of a message to an endpoint (numeric on the wire, with a lowercase statusText). */
public enum MessageStatus {
    SUCCESS(0), PENDING(1), FAIL(2), SENDING(3);

    private final int code;

    MessageStatus(int code) {
        this.code = code;
    }

    @JsonValue
    public int code() {
        return code;
    }

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MessageStatus of(int code) {
        for (MessageStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown message status " + code);
    }
}
