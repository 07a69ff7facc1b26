package dev.herald.server.core;

/**
 * How much one tenant may store, so that a hostile or careless caller cannot fill memory (routing keeps whole
 * endpoints in memory) or the store: the longest endpoint description (characters), the most custom headers per
 * endpoint and the largest one (name and value together, bytes), the most endpoints per application and the most
 * event types per organisation. Fields beyond a limit answer 422; a collection that is full answers 400
 * {@code limit_reached}.
 */
public record ResourceLimits(int maxDescription, int maxEndpointHeaders, int maxHeaderBytes, int maxEndpointsPerApp,
                             int maxEventTypes) {

    /** The refusal of a create that would go past a count limit, naming the setting an operator can raise. */
    public static ApiException full(String what, int limit, Setting setting) {
        return new ApiException(400, "limit_reached", what + " already has the most allowed (" + limit
                + ", set by " + setting.env() + "); delete one first");
    }
}
