package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.core.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SsrfGuardTest {
    private final SsrfGuard guard = new SsrfGuard(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "0.0.0.0", "100.64.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1",
            "::ffff:10.0.0.1", "224.0.0.1", "localhost"})
    void refusesPrivateLoopbackAndLinkLocalAddresses(String host) {
        assertThatThrownBy(() -> guard.resolve(host)).isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700::1111", "[2606:4700::1111]"})
    void permitsPublicAddresses(String host) throws Exception {
        assertThat(guard.resolve(host)).isNotEmpty();
    }

    @Test
    void anOperatorCanAllowAPrivateNetwork() throws Exception {
        SsrfGuard allowing = new SsrfGuard(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("127.0.0.1/32")));
        assertThat(allowing.resolve("10.20.30.40")).containsExactly(InetAddress.getByName("10.20.30.40"));
        assertThat(allowing.resolve("127.0.0.1")).isNotEmpty();
        assertThatThrownBy(() -> allowing.resolve("127.0.0.2")).isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> allowing.resolve("192.168.0.1")).isInstanceOf(UnknownHostException.class);
    }
}
