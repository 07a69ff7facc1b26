package dev.herald.server.delivery;

import dev.herald.server.core.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only resolver: it resolves a host once and hands back just the addresses deliveries may reach,
 * so the address that is checked is the address that is connected to (no DNS-rebinding gap). Loopback, private,
 * link-local, carrier-grade NAT, multicast and unspecified addresses are refused unless an operator allowed their
 * network. An IPv6 address that carries an IPv4 address ({@link EmbeddedIpv4}: mapped, compatible, NAT64, 6to4,
 * Teredo) is judged by that IPv4 address, allow-list included: {@code ::ffff:127.0.0.1} is refused like 127.0.0.1,
 * and allowing 127.0.0.0/8 allows it too. An allowed network that contains the IPv6 address as written wins, since
 * the operator named it.
 */
public final class SsrfGuard implements DnsResolver {
    private static final List<Cidr> FORBIDDEN = List.of(
            Cidr.parse("0.0.0.0/8"), Cidr.parse("10.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"), Cidr.parse("169.254.0.0/16"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("192.168.0.0/16"), Cidr.parse("198.18.0.0/15"),
            Cidr.parse("224.0.0.0/3"), Cidr.parse("::/128"), Cidr.parse("::1/128"), Cidr.parse("fc00::/7"),
            Cidr.parse("fe80::/10"), Cidr.parse("ff00::/8"), Cidr.parse("64:ff9b:1::/48"));

    private final List<Cidr> allowed;

    public SsrfGuard(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    public boolean permits(InetAddress address) {
        if (allowed.stream().anyMatch(c -> c.contains(address))) {
            return true;
        }
        return FORBIDDEN.stream().noneMatch(c -> c.contains(address))
                && !address.isAnyLocalAddress() && !address.isLoopbackAddress() && !address.isLinkLocalAddress()
                && !address.isSiteLocalAddress() && !address.isMulticastAddress()
                && EmbeddedIpv4.in(address).stream().allMatch(this::permits);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] all = InetAddress.getAllByName(bare);
        InetAddress[] permitted = Arrays.stream(all).filter(this::permits).toArray(InetAddress[]::new);
        if (permitted.length == 0) {
            throw new RefusedAddressException(host);
        }
        return permitted;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return resolve(host)[0].getCanonicalHostName();
    }

    /** The host resolves only to addresses deliveries may not reach. */
    static final class RefusedAddressException extends UnknownHostException {
        RefusedAddressException(String host) {
            super("refused: " + host + " resolves only to private, loopback or link-local addresses "
                    + "(allow them with HERALD_ALLOW_NETWORKS)");
        }
    }
}
