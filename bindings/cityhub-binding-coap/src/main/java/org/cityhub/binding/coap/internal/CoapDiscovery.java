package org.cityhub.binding.coap.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.cityhub.api.discovery.DiscoveryListener;
import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.discovery.DiscoveryService;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.WebLink;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.LinkFormat;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers CoAP devices in the inbox: each configured address's {@code /.well-known/core} (CoRE Link Format, RFC
 * 6690), and where enabled every device's on the local network (by multicast), is read and its resources become
 * the channels of a {@code coap:device} entry.
 */
@Component(service = DiscoveryService.class, configurationPid = "org.cityhub.binding.coap.discovery")
@Designate(ocd = CoapDiscovery.Config.class)
public final class CoapDiscovery implements DiscoveryService {

    /** Where to look. */
    @ObjectClassDefinition(name = "CityHub CoAP discovery")
    public @interface Config {

        @AttributeDefinition(description = "Devices to ask for their resources at each scan: coap://host:port, comma"
                + " separated")
        String addresses() default "";

        @AttributeDefinition(description = "Also ask every device on the local network, by a multicast request to"
                + " 224.0.1.187 (All CoAP Nodes)")
        boolean multicast() default false;

        @AttributeDefinition(description = "The UDP port of the multicast request", min = "1", max = "65535")
        int multicastPort() default 5683;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CoapDiscovery.class);
    private static final Set<Integer> SENML = Set.of(MediaTypeRegistry.APPLICATION_SENML_JSON,
            MediaTypeRegistry.APPLICATION_SENML_CBOR);

    private final CoapEndpoints endpoints;
    private final List<String> addresses;
    private final boolean multicast;
    private final int multicastPort;

    @Activate
    public CoapDiscovery(@Reference CoapEndpoints endpoints, Config config) {
        this.endpoints = endpoints;
        this.addresses = List.of(config.addresses().split(",")).stream().map(String::trim).filter(a -> !a.isEmpty())
                .toList();
        this.multicast = config.multicast();
        this.multicastPort = config.multicastPort();
    }

    @Override
    public void scan(DiscoveryListener listener) {
        if (multicast) {
            askEveryone(listener);
        }
        for (String address : addresses) {
            CoapClient client = new CoapClient(address.replaceAll("/+$", "") + "/.well-known/core");
            client.setEndpoint(endpoints.plain());
            client.get(new CoapHandler() {
                @Override
                public void onLoad(CoapResponse response) {
                    if (response.isSuccess()) {
                        listener.discovered(result(address, response.getResponseText()));
                    } else {
                        LOG.info("CoAP discovery: {} answered {}", address, response.getCode());
                    }
                }

                @Override
                public void onError() {
                    LOG.info("CoAP discovery: no answer from {}", address);
                }
            });
        }
    }

    /**
     * A non-confirmable GET of {@code /.well-known/core} to All CoAP Nodes (RFC 7252 §12.8): every device that
     * answers is offered under the address it answered from.
     */
    private void askEveryone(DiscoveryListener listener) {
        CoapClient client = new CoapClient("coap://" + CoAP.MULTICAST_IPV4.getHostAddress() + ":" + multicastPort
                + "/.well-known/core");
        client.setEndpoint(endpoints.plain());
        Request request = Request.newGet();
        request.setType(CoAP.Type.NON);
        client.advanced(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                InetSocketAddress peer = response.advanced().getSourceContext().getPeerAddress();
                if (response.isSuccess()) {
                    listener.discovered(result("coap://" + peer.getAddress().getHostAddress() + ":" + peer.getPort(),
                            response.getResponseText()));
                }
            }

            @Override
            public void onError() {
                LOG.debug("CoAP multicast discovery: no (more) answers");
            }
        }, request);
    }

    /** A device's inbox entry from its link format: a channel per resource, except the discovery resource. */
    static DiscoveryResult result(String address, String linkFormat) {
        List<Map<String, Object>> channels = new ArrayList<>();
        for (WebLink link : LinkFormat.parse(linkFormat)) {
            String path = link.getURI();
            if (path.startsWith("/.well-known")) {
                continue;
            }
            Map<String, Object> channel = new LinkedHashMap<>();
            String id = path.replaceAll("^/+", "").replaceAll("[^A-Za-z0-9_-]", "_");
            channel.put("id", id.isEmpty() ? "root" : id);
            String title = link.getAttributes().getTitle();
            channel.put("label", title == null ? path : title);
            List<String> formats = link.getAttributes().getContentTypes();
            boolean senml = formats.stream().anyMatch(f -> SENML.contains(Integer.parseInt(f)));
            channel.put("itemType", senml ? "number" : "text");
            channel.put("path", path);
            channel.put("observe", link.getAttributes().hasObservable());
            channels.add(channel);
        }
        String id = address.replaceFirst("^coaps?://", "").replaceAll("[^A-Za-z0-9_-]", "_").toLowerCase(Locale.ROOT);
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("baseUri", address);
        configuration.put("channels", channels);
        return new DiscoveryResult(new ThingUID(CoapHandlerFactory.DEVICE, id), "CoAP device " + address, null,
                Map.of("discoveredBy", "/.well-known/core"), configuration);
    }
}
