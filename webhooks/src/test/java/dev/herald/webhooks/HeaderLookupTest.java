package dev.herald.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderLookupTest {

    @Test
    void findsTheFirstValueIgnoringTheNamesCase() {
        HeaderLookup headers = HeaderLookup.of(Map.of("Webhook-Id", List.of("msg_1", "msg_2")));

        assertThat(headers.first("WEBHOOK-ID")).contains("msg_1");
    }

    @Test
    void reportsAnAbsentOrEmptyHeaderAsEmpty() {
        Map<String, List<String>> map = new HashMap<>();
        map.put(null, List.of("HTTP/1.1 200 OK"));
        map.put("webhook-id", List.of());

        HeaderLookup headers = HeaderLookup.of(map);

        assertThat(headers.first("webhook-id")).isEmpty();
        assertThat(headers.first("webhook-timestamp")).isEmpty();
    }
}
