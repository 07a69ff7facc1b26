package dev.herald.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.core.Setting;
import dev.herald.server.testing.StoreKind;
import dev.herald.server.testing.TestHerald;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HERALD_HTTP_MAX_CONNECTIONS bounds the connections held open at once; the next client waits for a free one. */
class ConnectionLimitTest {

    @Test
    void clientBeyondTheLimitIsServedOnlyOnceAConnectionCloses() {
        try (TestHerald server = TestHerald.start(StoreKind.SQLITE, Map.of(Setting.HTTP_MAX_CONNECTIONS, "2"));
             RawConnection first = new RawConnection(server.herald().port());
             RawConnection second = new RawConnection(server.herald().port());
             RawConnection third = new RawConnection(server.herald().port())) {
            first.send(RawConnection.request("GET", "/api/v1/health/ping", null, 0));
            second.send(RawConnection.request("GET", "/api/v1/health/ping", null, 0));
            assertThat(first.status()).isEqualTo(204);
            assertThat(second.status()).isEqualTo(204);

            third.send(RawConnection.request("GET", "/api/v1/health/ping", null, 0)).waitingAtMost(1000);
            assertThatThrownBy(third::status).isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(SocketTimeoutException.class);

            first.close();
            assertThat(third.waitingAtMost(60_000).status()).isEqualTo(204);
        }
    }
}
