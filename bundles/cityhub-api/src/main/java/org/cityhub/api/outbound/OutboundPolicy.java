package org.cityhub.api.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

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
     * Resolves a destination and checks it against the policy. Blocks for the name lookup: call it off the
     * thing's strand where the binding has threads of its own.
     *
     * @param host a host name or address literal, as the thing's configuration gives it
     * @param port the port the binding will connect to
     * @return every address the host resolves to, each admitted
     * @throws DestinationRefusedException if the policy refuses the host or any address it resolves to
     * @throws UnknownHostException if the name does not resolve
     */
    List<InetAddress> admit(String host, int port) throws IOException;
}
