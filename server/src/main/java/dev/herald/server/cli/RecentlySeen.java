package dev.herald.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a polling command (tail, listen --source) has already shown from a newest-first list. Rows may commit out of
 * order (a slower write lands after a later one was listed), so each poll re-reads the rows since a little before
 * the newest one shown ({@link #SETTLE}) and shows those it has not shown yet, each exactly once.
 */
final class RecentlySeen {
    /** How long after a later row an earlier one may still appear. */
    static final Duration SETTLE = Duration.ofSeconds(5);

    private final Instant started;
    private final String timeField;
    private final Map<String, Instant> shown = new HashMap<>();
    private Instant newest;

    /** Rows before {@code started} are never shown; {@code timeField} holds each row's time. */
    RecentlySeen(Instant started, String timeField) {
        this.started = started;
        this.timeField = timeField;
        this.newest = started;
    }

    /** The earliest time a row not shown yet can have. */
    Instant since() {
        Instant settled = newest.minus(SETTLE);
        return settled.isBefore(started) ? started : settled;
    }

    /** Whether a row of a newest-first list, and so all after it, lies before {@link #since()}. */
    boolean isBeforeWindow(JsonNode row) {
        return timeOf(row).isBefore(since());
    }

    /** The rows of a newest-first list not shown yet (and not before the start), oldest first; marks them shown. */
    List<JsonNode> unseen(List<JsonNode> newestFirst) {
        List<JsonNode> fresh = new ArrayList<>();
        for (JsonNode row : newestFirst) {
            Instant at = timeOf(row);
            if (!at.isBefore(started) && shown.putIfAbsent(row.path("id").asText(), at) == null) {
                fresh.add(row);
                newest = at.isAfter(newest) ? at : newest;
            }
        }
        Instant forgetBefore = since().minus(SETTLE);
        shown.values().removeIf(at -> at.isBefore(forgetBefore));
        return fresh.reversed();
    }

    private Instant timeOf(JsonNode row) {
        return Instant.parse(row.path(timeField).asText());
    }
}
