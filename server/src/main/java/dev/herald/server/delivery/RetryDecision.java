package dev.herald.server.delivery;

import java.time.Instant;

/** What happens to a task after an attempt. */
public sealed interface RetryDecision {
    /** Delivered: the task is finished. */
    record Done() implements RetryDecision {
    }

    /** Failed this time; try again at the given time. */
    record RetryAt(Instant at) implements RetryDecision {
    }

    /** No tries left (or a manual attempt failed): the message failed for this endpoint. */
    record Exhausted() implements RetryDecision {
    }

    /** The endpoint answered 410 Gone: fail the task and disable the endpoint at once. */
    record EndpointGone() implements RetryDecision {
    }
}
