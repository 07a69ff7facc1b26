package dev.herald.server.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The JVM's resolver during tests (registered in META-INF/services, so it is in place from the first lookup): a
 * host name a test registers resolves to exactly the addresses the test gives, as a DNS answer would hand them to
 * the JDK (an {@code Inet6Address} stays one, even for {@code ::ffff:127.0.0.1}), and without asking DNS; every
 * other name goes to the built-in resolver. The JDK caches answers, so each test should register a name of its own.
 */
public final class TestResolver extends InetAddressResolverProvider {
    private static final Map<String, List<InetAddress>> NAMES = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> LOOKUPS = new ConcurrentHashMap<>();

    /** From now on {@code host} resolves to {@code addresses}. */
    public static void register(String host, InetAddress... addresses) {
        NAMES.put(host.toLowerCase(Locale.ROOT), List.of(addresses));
    }

    /** How many times the JVM asked for {@code host} since it was registered (the JDK's cache answers the rest). */
    public static int lookups(String host) {
        AtomicInteger count = LOOKUPS.get(host.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                String name = host.toLowerCase(Locale.ROOT);
                List<InetAddress> registered = NAMES.get(name);
                if (registered == null) {
                    return builtin.lookupByName(host, policy);
                }
                LOOKUPS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                return registered.stream();
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "herald-test-resolver";
    }
}
