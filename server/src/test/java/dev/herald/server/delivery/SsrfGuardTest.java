package dev.herald.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.core.Cidr;
import java.net.Inet6Address;
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

    /** Forms of IPv6 that carry a forbidden IPv4 address, as a resolver may hand them back (as Inet6Address). */
    @ParameterizedTest
    @ValueSource(strings = {
            "::ffff:127.0.0.1", "::ffff:127.8.9.10", "::ffff:10.1.2.3", "::ffff:172.16.0.1", "::ffff:192.168.1.1",
            "::ffff:169.254.169.254", "::ffff:100.64.0.1", "::ffff:0.0.0.0", "::ffff:224.0.0.1",
            "::127.0.0.1", "::10.1.2.3", "::169.254.169.254", "::0.0.0.2",
            "::ffff:0:127.0.0.1", "::ffff:0:192.168.1.1",
            "64:ff9b::127.0.0.1", "64:ff9b::10.1.2.3", "64:ff9b::169.254.169.254",
            "2002:7f00:1::", "2002:7f00:1:0:1:2:3:4", "2002:a01:203::1", "2002:a9fe:a9fe::", "2002:c0a8:101::1",
            "2001:0:4136:e378:8000:63bf:80ff:fffe", // Teredo: public server 65.54.227.120, client 127.0.0.1
            "2001:0:4136:e378:8000:63bf:f5fe:fefc", // client 10.1.1.3
            "2001:0:a00:1:8000:63bf:f7f7:f7f7", // server 10.0.0.1, public client 8.8.8.8
            "2001:0:7f00:1:8000:63bf:f7f7:f7f7"}) // server 127.0.0.1
    void refusesIpv6AddressesThatCarryAForbiddenIpv4Address(String address) throws Exception {
        assertThat(guard.permits(ipv6(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:8.8.8.8", "::8.8.8.8", "::ffff:0:8.8.8.8", "64:ff9b::8.8.8.8",
            "64:ff9b::1.1.1.1", "2002:808:808::1", "2002:101:101::",
            "2001:0:4136:e378:8000:63bf:f7f7:f7f7"}) // Teredo: server 65.54.227.120, client 8.8.8.8
    void permitsIpv6AddressesThatCarryAPublicIpv4Address(String address) throws Exception {
        assertThat(guard.permits(ipv6(address))).isTrue();
    }

    /** Its IPv4 position depends on how the local network set it up, so it cannot be checked: it is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b:1::808:808", "64:ff9b:1:808:808::", "64:ff9b:1:ffff::1"})
    void refusesTheLocalUseNat64Prefix(String address) throws Exception {
        assertThat(guard.permits(ipv6(address))).isFalse();
        assertThat(new SsrfGuard(List.of(Cidr.parse("64:ff9b:1::/48"))).permits(ipv6(address))).isTrue();
    }

    @Test
    void anAllowedIpv4NetworkAlsoAllowsTheIpv6AddressesThatCarryIt() throws Exception {
        SsrfGuard allowing = new SsrfGuard(List.of(Cidr.parse("127.0.0.0/8")));

        for (String address : List.of("::ffff:127.0.0.1", "::127.0.0.1", "::ffff:0:127.0.0.1", "64:ff9b::7f00:1",
                "2002:7f00:1::", "2001:0:4136:e378:8000:63bf:80ff:fffe")) {
            assertThat(allowing.permits(ipv6(address))).as(address).isTrue();
        }
        for (String address : List.of("::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::",
                "2001:0:a00:1:8000:63bf:80ff:fffe")) { // Teredo: server 10.0.0.1 is not allowed
            assertThat(allowing.permits(ipv6(address))).as(address).isFalse();
        }
    }

    @Test
    void anAllowedIpv6NetworkWinsOverTheIpv4AddressItCarries() throws Exception {
        SsrfGuard allowing = new SsrfGuard(List.of(Cidr.parse("64:ff9b::a00:0/104")));

        assertThat(allowing.permits(ipv6("64:ff9b::10.0.0.5"))).isTrue();
        assertThat(allowing.permits(ipv6("64:ff9b::127.0.0.1"))).isFalse();
        assertThat(allowing.permits(ipv6("::ffff:10.0.0.5"))).isFalse();
    }

    /** The address as a resolver may return it: an Inet6Address even for the IPv4-mapped form. */
    private static Inet6Address ipv6(String literal) throws Exception {
        byte[] bytes = InetAddress.getByName(literal).getAddress();
        if (bytes.length == 4) { // the JDK turns a mapped literal into an Inet4Address; a resolver need not
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        return Inet6Address.getByAddress(null, bytes, -1);
    }
}
