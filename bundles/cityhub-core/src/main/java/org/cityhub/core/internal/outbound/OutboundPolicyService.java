package org.cityhub.core.internal.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.health.HealthCheck;
import org.cityhub.api.health.HealthIndicator;
import org.cityhub.api.outbound.DestinationRefusedException;
import org.cityhub.api.outbound.OutboundPolicy;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's {@link OutboundPolicy}, read from {@code etc/org.cityhub.outbound.cfg} and applied again whenever the
 * file changes. A file that cannot be read refuses every destination until it is mended (and says so in the
 * hub's health), rather than falling back to something more permissive than the admin wrote.
 */
@Component(service = { OutboundPolicy.class, HealthIndicator.class }, configurationPid = "org.cityhub.outbound")
@Designate(ocd = OutboundPolicyService.Config.class)
public final class OutboundPolicyService implements OutboundPolicy, HealthIndicator {

    /** Typed configuration, PID {@code org.cityhub.outbound}. */
    @ObjectClassDefinition(name = "CityHub outbound policy", description = "Which hosts and addresses bindings may connect to")
    public @interface Config {

        @AttributeDefinition(description = "Refused destinations: loopback, link-local, private, metadata, address"
                + " ranges (10.0.0.0/8), host names, *.domain; refused even when the allow list names them")
        String deny() default "link-local, metadata";

        @AttributeDefinition(description = "Admitted destinations, in the same forms")
        String allow() default "";

        @AttributeDefinition(description = "What happens to a destination neither list names: allow or deny")
        String otherwise() default "allow";
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutboundPolicyService.class);
    private static final String NAME = "outbound policy";

    private final ConfigurationAdmin configurations;
    private volatile @Nullable OutboundRules rules;
    private volatile String problem = "";

    @Activate
    public OutboundPolicyService(@Reference ConfigurationAdmin configurations, Config config) {
        this.configurations = configurations;
        apply(config);
    }

    @Modified
    void apply(Config config) {
        try {
            String otherwise = config.otherwise().trim().toLowerCase(Locale.ROOT);
            if (!otherwise.equals("allow") && !otherwise.equals("deny")) {
                throw new IllegalArgumentException("otherwise: '" + config.otherwise() + "' is neither allow nor deny");
            }
            rules = new OutboundRules(OutboundRules.entries(config.deny(), "deny"),
                    OutboundRules.entries(config.allow(), "allow"), otherwise.equals("allow"), hubPorts(),
                    OutboundPolicyService::isLocal);
            problem = "";
            LOG.info("outbound policy: deny {}; allow {}; otherwise {}", config.deny(), config.allow(), otherwise);
        } catch (IllegalArgumentException e) {
            rules = null;
            problem = OutboundRules.FILE + " cannot be read (" + e.getMessage() + "); every destination is refused"
                    + " until it is mended";
            LOG.error(problem);
        }
    }

    @Override
    public List<InetAddress> admit(String host, int port, Transport transport) throws IOException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        OutboundRules current = rules;
        if (current == null) {
            throw new DestinationRefusedException("the outbound policy refuses " + name + " port " + port + ": "
                    + problem);
        }
        List<InetAddress> addresses = List.of(InetAddress.getAllByName(name));
        for (InetAddress address : addresses) {
            Optional<String> refusal = current.refusal(name, address, port, transport);
            if (refusal.isPresent()) {
                throw new DestinationRefusedException(refusal.get());
            }
        }
        return addresses;
    }

    @Override
    public HealthCheck check() {
        String current = problem;
        return current.isEmpty() ? new HealthCheck(NAME, true, "applied", false)
                : new HealthCheck(NAME, true, current, true);
    }

    /** The ports the hub itself listens on, from the configurations of Karaf's web server, console and JMX. */
    private Map<Integer, String> hubPorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        Dictionary<String, Object> web = properties("org.ops4j.pax.web");
        port(web, "org.osgi.service.http.port", "8181").ifPresent(port -> ports.put(port, "HTTP"));
        if (web != null && "true".equals(String.valueOf(web.get("org.osgi.service.http.secure.enabled")).trim())) {
            port(web, "org.osgi.service.http.port.secure", "8443").ifPresent(port -> ports.put(port, "HTTPS"));
        }
        port(properties("org.apache.karaf.shell"), "sshPort", "8101").ifPresent(port -> ports.put(port, "SSH"));
        Dictionary<String, Object> management = properties("org.apache.karaf.management");
        port(management, "rmiRegistryPort", "1099").ifPresent(port -> ports.put(port, "JMX registry"));
        port(management, "rmiServerPort", "44444").ifPresent(port -> ports.put(port, "JMX"));
        return ports;
    }

    private @Nullable Dictionary<String, Object> properties(String pid) {
        try {
            Configuration[] found = configurations.listConfigurations("(service.pid=" + pid + ")");
            return found == null || found.length == 0 ? null : found[0].getProperties();
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            LOG.warn("cannot read the configuration {}: {}", pid, e.toString());
            return null;
        }
    }

    private static Optional<Integer> port(@Nullable Dictionary<String, Object> properties, String key, String otherwise) {
        Object value = properties == null ? null : properties.get(key);
        String text = value == null ? otherwise : value.toString().trim();
        return text.matches("\\d{1,5}") ? Optional.of(Integer.parseInt(text)) : Optional.empty();
    }

    /** Whether an address reaches the hub's own machine: loopback, the wildcard, or an interface's address. */
    static boolean isLocal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return true;
        }
    }
}
