package dev.herald.server.attempt;

/**
 * Svix EndpointStats: how many of an endpoint's messages stand at each status. Herald never cancels a delivery,
 * so {@code canceled} is always 0; the SDKs require the field.
 */
record EndpointStats(long success, long pending, long sending, long fail, long canceled) {
}
