package dev.herald.server.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * The IPv4 addresses an IPv6 address stands for. A connection to {@code ::ffff:127.0.0.1} reaches 127.0.0.1, and
 * one to {@code 2002:7f00:1::} or {@code 64:ff9b::7f00:1} is carried by a relay or translator to 127.0.0.1, so
 * these addresses must be judged by the IPv4 address inside them. The forms: IPv4-mapped {@code ::ffff:0:0/96},
 * IPv4-compatible {@code ::/96}, IPv4-translated {@code ::ffff:0:0:0/96}, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16} (bits 16-48) and Teredo {@code 2001::/32} (its server in bits 32-64, its client in the last 32
 * bits, inverted). The local-use NAT64 prefix {@code 64:ff9b:1::/48} places its IPv4 address where the local
 * network decides, so it cannot be read here; {@link SsrfGuard} refuses it.
 */
final class EmbeddedIpv4 {
    private static final byte[] NAT64 = {0x00, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    private static final byte[] TRANSLATED = {0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0};
    private static final byte[] COMPATIBLE = new byte[12];
    private static final byte[] SIX_TO_FOUR = {0x20, 0x02};
    private static final byte[] TEREDO = {0x20, 0x01, 0, 0};

    private EmbeddedIpv4() {
    }

    /** The embedded IPv4 addresses (Teredo has two), or none for an IPv4 address or a plain IPv6 address. */
    static List<Inet4Address> in(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return List.of();
        }
        byte[] bytes = address.getAddress();
        if (startsWith(bytes, MAPPED) || startsWith(bytes, TRANSLATED) || startsWith(bytes, COMPATIBLE)
                || startsWith(bytes, NAT64)) {
            return List.of(ipv4(bytes, 12, false));
        }
        if (startsWith(bytes, SIX_TO_FOUR)) {
            return List.of(ipv4(bytes, 2, false));
        }
        if (startsWith(bytes, TEREDO)) {
            return List.of(ipv4(bytes, 4, false), ipv4(bytes, 12, true));
        }
        return List.of();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static Inet4Address ipv4(byte[] bytes, int offset, boolean inverted) {
        byte[] four = Arrays.copyOfRange(bytes, offset, offset + 4);
        if (inverted) {
            for (int i = 0; i < four.length; i++) {
                four[i] = (byte) ~four[i];
            }
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible); // four bytes are always an IPv4 address
        }
    }
}
