package org.cityhub.api.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Decides whether a binding may connect to a destination. The hub's policy ({@code etc/org.cityhub.outbound.cfg})
 * refuses link-local and cloud metadata addresses and the hub's own listening ports unless an admin says
 * otherwise; an admin adds allow and deny lists of address ranges and host names.
 *
 * <p>The decision is made on every address the name resolves to, right before the binding connects, so that a
 * name which later resolves elsewhere (DNS rebinding) is checked again; the JVM's address cache (30 s) makes the
 * connection that follows use the addresses checked. Call it for each connection and each redirect, never once
 * at start-up.
 */
@ProviderType
public interface OutboundPolicy {

    /**
     * What a binding connects over. The hub's own listening ports are TCP ports: a UDP destination on the hub's
     * machine is never one of them, whatever its number.
     */
    enum Transport {
        TCP, UDP
    }

    /**
     * Resolves a destination and checks it against the policy. Blocks for the name lookup: call it off the
     * thing's strand where the binding has threads of its own.
     *
     * @param host a host name or address literal, as the thing's configuration gives it
     * @param port the port the binding will connect to
     * @param transport what the binding connects over
     * @return every address the host resolves to, each admitted
     * @throws DestinationRefusedException if the policy refuses the host or any address it resolves to
     * @throws UnknownHostException if the name does not resolve
     */
    List<InetAddress> admit(String host, int port, Transport transport) throws IOException;

    /** {@link #admit(String, int, Transport)} for a TCP connection. */
    default List<InetAddress> admit(String host, int port) throws IOException {
        return admit(host, port, Transport.TCP);
    }

    /**
     * {@link #admit(String, int, Transport)} for a URI: its host, its port or the scheme's default ({@code http} 80,
     * {@code https} 443, {@code coap} 5683, {@code coaps} 5684, {@code mqtt}/{@code tcp} 1883,
     * {@code mqtts}/{@code ssl} 8883), and UDP for {@code coap} and {@code coaps}, TCP for the others.
     *
     * @throws DestinationRefusedException if the policy refuses it, or the URI names no host or known port
     * @throws UnknownHostException if the name does not resolve
     */
    default List<InetAddress> admit(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : DEFAULT_PORTS.getOrDefault(scheme, -1);
        if (uri.getHost() == null || port < 0) {
            throw new DestinationRefusedException("the outbound policy refuses " + uri + ": it names no host and port");
        }
        return admit(uri.getHost(), port, UDP_SCHEMES.contains(scheme) ? Transport.UDP : Transport.TCP);
    }

    /** The ports URIs of these schemes mean when they name none. */
    Map<String, Integer> DEFAULT_PORTS = Map.of("http", 80, "https", 443, "coap", 5683, "coaps", 5684, "mqtt", 1883,
            "tcp", 1883, "mqtts", 8883, "ssl", 8883);

    /** The schemes whose URIs are reached over UDP. */
    Set<String> UDP_SCHEMES = Set.of("coap", "coaps");
}
