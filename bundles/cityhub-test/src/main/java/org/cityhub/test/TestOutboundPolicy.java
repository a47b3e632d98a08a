package org.cityhub.test;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityhub.api.outbound.DestinationRefusedException;
import org.cityhub.api.outbound.OutboundPolicy;

/**
 * An outbound policy for handler tests: admits every destination but the hosts and addresses a test refuses, and
 * counts the checks, so that a test can show its binding asks before every connection.
 */
public final class TestOutboundPolicy implements OutboundPolicy {

    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicInteger checks = new AtomicInteger();

    /** From now on, refuses a host name or address literal (and every name that resolves to the address). */
    public TestOutboundPolicy refuse(String hostOrAddress) {
        refused.add(hostOrAddress.toLowerCase(Locale.ROOT));
        return this;
    }

    /** From now on, admits everything again. */
    public TestOutboundPolicy admitAll() {
        refused.clear();
        return this;
    }

    /** How many times a binding asked. */
    public int checks() {
        return checks.get();
    }

    @Override
    public List<InetAddress> admit(String host, int port, Transport transport) throws IOException {
        checks.incrementAndGet();
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses = List.of(InetAddress.getAllByName(name));
        boolean refuse = refused.contains(name.toLowerCase(Locale.ROOT))
                || addresses.stream().anyMatch(address -> refused.contains(address.getHostAddress()));
        if (refuse) {
            throw new DestinationRefusedException("the outbound policy refuses " + name + " port " + port
                    + ": refused by the test");
        }
        return addresses;
    }
}
