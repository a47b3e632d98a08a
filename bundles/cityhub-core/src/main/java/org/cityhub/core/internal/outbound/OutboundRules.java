package org.cityhub.core.internal.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.cityhub.api.outbound.OutboundPolicy;

/**
 * The outbound policy's rules, in the order they are applied to each address a destination resolves to: the
 * hub's own listening ports on a local address are refused; then anything the deny list names; then anything the
 * allow list names is admitted; anything else gets the default. A deny entry beats an allow entry, so that a name
 * on the allow list cannot be pointed at a denied address.
 */
final class OutboundRules {

    static final String FILE = "etc/org.cityhub.outbound.cfg";

    private final List<DestinationRule> deny;
    private final List<DestinationRule> allow;
    private final boolean admitOthers;
    private final Map<Integer, String> hubPorts;
    private final Predicate<InetAddress> local;

    /**
     * @param hubPorts the hub's own listening ports, each with what listens ("HTTP", "SSH")
     * @param local whether an address is one of the hub's own
     */
    OutboundRules(List<DestinationRule> deny, List<DestinationRule> allow, boolean admitOthers,
            Map<Integer, String> hubPorts, Predicate<InetAddress> local) {
        this.deny = List.copyOf(deny);
        this.allow = List.copyOf(allow);
        this.admitOthers = admitOthers;
        this.hubPorts = Map.copyOf(hubPorts);
        this.local = local;
    }

    /**
     * Reads the lists of a configuration.
     *
     * @throws IllegalArgumentException naming every entry that cannot be read
     */
    static List<DestinationRule> entries(String list, String listName) {
        List<DestinationRule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String entry : list.split(",")) {
            if (!entry.isBlank()) {
                try {
                    rules.add(DestinationRule.parse(entry));
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(listName + ": " + String.join("; ", problems));
        }
        return rules;
    }

    /** Why the destination is refused, or empty if it is admitted. The hub listens on TCP ports only. */
    Optional<String> refusal(String host, InetAddress address, int port, OutboundPolicy.Transport transport) {
        String destination = describe(host, address, port);
        String service = transport == OutboundPolicy.Transport.TCP ? hubPorts.get(port) : null;
        if (service != null && local.test(address)) {
            return Optional.of("the outbound policy refuses " + destination + ": it is the hub's own " + service
                    + " port");
        }
        for (DestinationRule rule : deny) {
            if (rule.matches(host, address)) {
                return Optional.of("the outbound policy refuses " + destination + ": '" + rule + "' is on the deny list"
                        + " of " + FILE);
            }
        }
        if (admitOthers || allow.stream().anyMatch(rule -> rule.matches(host, address))) {
            return Optional.empty();
        }
        return Optional.of("the outbound policy refuses " + destination + ": it is not on the allow list of " + FILE);
    }

    private static String describe(String host, InetAddress address, int port) {
        String literal = address.getHostAddress();
        return (host.equalsIgnoreCase(literal) ? literal : host + " (" + literal + ")") + " port " + port;
    }
}
