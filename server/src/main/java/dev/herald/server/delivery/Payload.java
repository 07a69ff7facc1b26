package dev.herald.server.delivery;

/**
 * The bytes a message is delivered with and their content type. Messages sent through the API have none
 * ({@code null}) and go out as {@code application/json}; inbound forwards keep the type their provider sent.
 */
public record Payload(byte[] body, String contentType) {

    /** The content type to send: the message's own, else JSON. */
    public String contentTypeOrJson() {
        return contentType == null ? "application/json" : contentType;
    }
}
