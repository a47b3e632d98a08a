package org.cityhub.core.internal.outbound;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One entry of an allow or deny list: a named group of ranges ({@code loopback}, {@code link-local},
 * {@code private}, {@code metadata}), an address range ({@code 10.20.0.0/16}), a host name
 * ({@code broker.city.example}) or every name under a domain ({@code *.city.example}).
 */
final class DestinationRule {

    /** The ranges behind the named groups; {@code metadata} are the cloud instance-metadata services. */
    private static final Map<String, List<String>> GROUPS = Map.of(
            "loopback", List.of("127.0.0.0/8", "::1", "0.0.0.0", "::"),
            "link-local", List.of("169.254.0.0/16", "fe80::/10"),
            "private", List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7"),
            // AWS, GCP, Azure and OpenStack (v4 and v6), Alibaba Cloud, Oracle Cloud
            "metadata", List.of("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "192.0.0.192"));
    private static final Pattern HOST = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    private final String text;
    private final List<AddressRange> ranges;
    private final String host;

    private DestinationRule(String text, List<AddressRange> ranges, String host) {
        this.text = text;
        this.ranges = ranges;
        this.host = host;
    }

    /**
     * Reads an entry.
     *
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    static DestinationRule parse(String entry) {
        String text = entry.trim().toLowerCase(Locale.ROOT);
        List<String> group = GROUPS.get(text);
        if (group != null) {
            return new DestinationRule(text, group.stream().map(AddressRange::parse).toList(), "");
        }
        if (AddressRange.looksLikeRange(text)) {
            return new DestinationRule(text, List.of(AddressRange.parse(text)), "");
        }
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (!HOST.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + entry.trim() + "' is neither loopback, link-local, private,"
                    + " metadata, an address range nor a host name");
        }
        return new DestinationRule(text, List.of(), name);
    }

    /** Whether the rule names the host (as the thing's configuration gives it) or covers the address. */
    boolean matches(String hostName, InetAddress address) {
        return matchesName(hostName) || ranges.stream().anyMatch(range -> range.contains(address));
    }

    private boolean matchesName(String hostName) {
        if (host.isEmpty()) {
            return false;
        }
        String name = hostName.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return host.startsWith("*.") ? name.endsWith(host.substring(1)) : name.equals(host);
    }

    @Override
    public String toString() {
        return text;
    }
}
