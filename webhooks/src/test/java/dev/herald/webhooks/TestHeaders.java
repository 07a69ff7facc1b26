package dev.herald.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request headers for tests, written as name-value pairs. */
public final class TestHeaders {

    private TestHeaders() {
    }

    public static HeaderLookup of(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], List.of(namesAndValues[i + 1]));
        }
        return HeaderLookup.of(headers);
    }
}
