package org.cityhub.binding.coap.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cityhub.api.binding.Backoff;
import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.HandlerScheduler.ScheduledTask;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.outbound.DestinationRefusedException;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.Refresh;
import org.cityhub.transform.ChannelReader;
import org.cityhub.transform.StateText;
import org.cityhub.transform.TransformChain;
import org.cityhub.transform.TransformationException;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CoAP device ({@code coap:device}). Each resource its channels read is observed (RFC 7641) and, where the
 * device does not support observing it, polled; an observation that falls silent for longer than its Max-Age is
 * registered again (the device may have restarted). Status follows reachability: {@code OFFLINE /
 * COMMUNICATION_ERROR} when requests time out, {@code ONLINE} again with the next answer.
 */
final class DeviceHandler extends BaseThingHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceHandler.class);
    private static final Set<String> SECURE = Set.of("coaps");

    /** What is read from one resource, and how it is being followed. */
    private final class Resource {
        final String path;
        final boolean observe;
        final Map<ChannelReader, String> readers = new LinkedHashMap<>(); // reader → SenML name, or ""
        @Nullable CoapObserveRelation relation;
        @Nullable ScheduledTask poll;
        boolean observable = true;
        Instant lastHeard = Instant.MIN;
        long maxAgeSeconds = 60;
        final Backoff retry;

        Resource(String path, boolean observe) {
            this.path = path;
            this.observe = observe;
            this.retry = new Backoff(Duration.ofSeconds(2), pollInterval);
        }
    }

    /** A writable channel's command. */
    private record CommandRoute(String path, String method, int contentFormat, TransformChain outbound, boolean echoes) {
    }

    private final CoapEndpoints endpoints;
    private final OutboundPolicy outbound;
    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Map<String, CommandRoute> commands = new LinkedHashMap<>();
    private Duration pollInterval = Duration.ofMinutes(1);
    private int maxPayloadBytes = 64 * 1024;
    private @Nullable URI base;
    private @Nullable Endpoint endpoint;
    private boolean ownEndpoint;
    private boolean online; // the status last reported, so that each answer does not report ONLINE again
    private volatile boolean disposed;

    DeviceHandler(Thing thing, ThingHandlerCallback callback, CoapEndpoints endpoints, OutboundPolicy outbound) {
        super(thing, callback);
        this.endpoints = endpoints;
        this.outbound = outbound;
    }

    @Override
    public void initialize() {
        Optional<DeviceConfig> configured = configuration(DeviceConfig.class);
        if (configured.isEmpty()) {
            return;
        }
        DeviceConfig configuration = configured.get();
        pollInterval = configuration.pollInterval();
        maxPayloadBytes = configuration.maxPayloadKilobytes() * 1024;
        base = configuration.baseUri();
        List<String> problems = new ArrayList<>();
        for (ChannelDefinition channel : thingType().channels()) {
            read(channel, channelSettings(channel.id()), problems);
        }
        if (problems.isEmpty()) {
            try {
                endpoint = open(configuration);
            } catch (IllegalArgumentException | IOException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, String.join("; ", problems));
            return;
        }
        updateStatus(ThingStatus.UNKNOWN, ThingStatusDetail.NONE, "contacting " + base);
        resources.values().forEach(this::follow);
        scheduler().scheduleAtFixedRate(this::revive, pollInterval, pollInterval);
    }

    /** The shared endpoint, or for coaps:// a DTLS endpoint with the device's credentials (never logged). */
    private Endpoint open(DeviceConfig configuration) throws IOException {
        if (!SECURE.contains(base.getScheme())) {
            return endpoints.plain();
        }
        DtlsCredentials credentials = DtlsCredentials.of(configuration);
        ownEndpoint = true;
        return endpoints.dtls(credentials);
    }

    private void read(ChannelDefinition channel, Map<String, Object> settings, List<String> problems) {
        Object path = settings.get("path");
        if (path != null) {
            try {
                ChannelReader reader = ChannelReader.of(channel, settings);
                Object senml = settings.get("senmlName");
                resources.computeIfAbsent(path.toString(), p -> new Resource(p, !Boolean.FALSE.equals(settings.get("observe"))))
                        .readers.put(reader, senml == null ? "" : senml.toString());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (channel.readOnly()) {
            return;
        }
        Object commandPath = settings.getOrDefault("commandPath", path);
        String method = String.valueOf(settings.getOrDefault("commandMethod", "PUT"));
        if (commandPath == null) {
            problems.add("channel " + channel.id() + " is writable but has no path or commandPath");
        } else if (!method.equals("PUT") && !method.equals("POST")) {
            problems.add("channel " + channel.id() + ": commandMethod must be PUT or POST");
        } else {
            try {
                TransformChain outbound = TransformChain.parse(ChannelReader.steps(settings.get("commandTransform")));
                int format = "json".equals(settings.get("commandContentFormat")) ? MediaTypeRegistry.APPLICATION_JSON
                        : MediaTypeRegistry.TEXT_PLAIN;
                commands.put(channel.id(), new CommandRoute(commandPath.toString(), method, format, outbound,
                        path != null));
            } catch (IllegalArgumentException e) {
                problems.add("channel " + channel.id() + ": commandTransform: " + e.getMessage());
            }
        }
    }

    /** Observes the resource (or polls it, if it cannot be observed). */
    private void follow(Resource resource) {
        if (disposed) {
            return;
        }
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            retryLater(resource, ThingStatusDetail.CONFIGURATION_ERROR, refusal.get());
            return;
        }
        Request request = Request.newGet();
        request.setURI(uri(resource.path));
        CoapHandler handler = new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                scheduler().execute(() -> answered(resource, response));
            }

            @Override
            public void onError() {
                Throwable failure = request.getSendError();
                scheduler().execute(() -> unreachable(resource, failure));
            }
        };
        CoapClient client = client(resource.path);
        if (resource.observe && resource.observable) {
            request.setObserve();
            resource.relation = client.observe(request, handler);
        } else {
            client.advanced(handler, request);
        }
    }

    private void answered(Resource resource, CoapResponse response) {
        if (disposed) {
            return;
        }
        resource.lastHeard = clock().instant();
        resource.retry.succeeded();
        resource.maxAgeSeconds = response.getOptions().getMaxAge();
        if (resource.relation != null && !response.getOptions().hasObserve()) {
            // the device answers but does not keep us informed: poll it instead
            resource.observable = false;
            resource.relation.proactiveCancel();
            resource.relation = null;
        }
        if (!resource.observe || !resource.observable) {
            schedulePoll(resource, pollInterval);
        }
        if (!response.isSuccess()) {
            boolean clientError = response.getCode().codeClass == 4;
            updateStatus(ThingStatus.OFFLINE, clientError ? ThingStatusDetail.CONFIGURATION_ERROR
                    : ThingStatusDetail.COMMUNICATION_ERROR, "GET " + uri(resource.path) + " answered "
                    + response.getCode() + " " + response.getCode().name());
            return;
        }
        if (!online) {
            updateStatus(ThingStatus.ONLINE);
        }
        byte[] payload = response.getPayload();
        if (payload.length > maxPayloadBytes) {
            refuseAll(resource, "a payload of " + payload.length / 1024 + " KiB is larger than maxPayloadKilobytes ("
                    + maxPayloadBytes / 1024 + ")");
            return;
        }
        Payloads.Decoded decoded;
        try {
            decoded = Payloads.decode(response.getOptions().getContentFormat(), payload);
        } catch (IOException e) {
            refuseAll(resource, e.getMessage());
            return;
        }
        resource.readers.forEach((reader, senmlName) -> read(resource, reader, senmlName, decoded));
    }

    private void read(Resource resource, ChannelReader reader, String senmlName, Payloads.Decoded decoded) {
        String channel = reader.channel().id();
        String document = decoded.document();
        if (!senmlName.isEmpty() || !decoded.records().isEmpty()) {
            document = decoded.records().get(senmlName);
            if (document == null) {
                refuseInput(channel, resource.path + ": no SenML record named '" + senmlName + "' (records: "
                        + decoded.records().keySet() + ")");
                return;
            }
        }
        ChannelReader.Reading reading = reader.read(document);
        switch (reading.outcome()) {
            case STATE -> updateState(channel, reading.state());
            case EVENT -> triggerChannel(channel, reading.text());
            default -> refuseInput(channel, resource.path + ": " + reading.text());
        }
    }

    private void refuseAll(Resource resource, String reason) {
        resource.readers.keySet().forEach(reader -> refuseInput(reader.channel().id(), resource.path + ": " + reason));
    }

    private void unreachable(Resource resource, @Nullable Throwable failure) {
        if (disposed) {
            return;
        }
        if (resource.relation != null) {
            resource.relation.proactiveCancel();
            resource.relation = null;
        }
        boolean handshake = failure != null && failure.getClass().getSimpleName().contains("Handshake");
        String reason = failure == null ? "no answer from " + uri(resource.path)
                : (handshake ? "DTLS handshake with " : "cannot reach ") + base + " failed: " + failure.getMessage();
        retryLater(resource, handshake ? ThingStatusDetail.CONFIGURATION_ERROR : ThingStatusDetail.COMMUNICATION_ERROR,
                reason);
    }

    /** The thing is offline for the reason given; the resource is asked again after its backoff. */
    private void retryLater(Resource resource, ThingStatusDetail detail, String reason) {
        Duration delay = resource.retry.failed();
        updateStatus(ThingStatus.OFFLINE, detail, reason + " (next attempt in " + Math.max(1, delay.toSeconds()) + " s)");
        if (resource.poll != null) {
            resource.poll.cancel();
        }
        resource.poll = scheduler().schedule(() -> follow(resource), delay);
    }

    /** Registers again the observations that fell silent for longer than their Max-Age allows. */
    private void revive() {
        Instant now = clock().instant();
        for (Resource resource : resources.values()) {
            boolean silent = now.isAfter(resource.lastHeard.plusSeconds(resource.maxAgeSeconds).plus(pollInterval));
            if (resource.relation != null && resource.lastHeard != Instant.MIN && silent) {
                LOG.debug("thing {}: observation of {} lapsed; registering again", thing().uid(), resource.path);
                resource.relation.proactiveCancel();
                resource.relation = null;
                follow(resource);
            }
        }
    }

    private void schedulePoll(Resource resource, Duration delay) {
        if (resource.poll != null) {
            resource.poll.cancel();
        }
        resource.poll = scheduler().schedule(() -> follow(resource), delay);
    }

    @Override
    protected void updateStatus(ThingStatus status, ThingStatusDetail detail, @Nullable String message) {
        online = status == ThingStatus.ONLINE;
        super.updateStatus(status, detail, message);
    }

    @Override
    protected void updateStatus(ThingStatus status) {
        online = status == ThingStatus.ONLINE;
        super.updateStatus(status);
    }

    @Override
    public void handleCommand(ChannelUID channel, Command command) {
        Optional<String> refusal = refusal();
        if (refusal.isPresent()) {
            LOG.warn("thing {}: command {} to {} not sent: {}", thing().uid(), command, channel.channelId(), refusal.get());
            return;
        }
        if (command == Refresh.REFRESH) {
            resources.values().stream().filter(r -> r.readers.keySet().stream()
                    .anyMatch(reader -> reader.channel().id().equals(channel.channelId())))
                    .forEach(r -> client(r.path).get(new CoapHandler() {
                        @Override
                        public void onLoad(CoapResponse response) {
                            scheduler().execute(() -> answered(r, response));
                        }

                        @Override
                        public void onError() {
                            scheduler().execute(() -> unreachable(r, null));
                        }
                    }));
            return;
        }
        CommandRoute route = commands.get(channel.channelId());
        if (route == null || endpoint == null) {
            return;
        }
        String payload;
        try {
            payload = route.outbound().apply(StateText.ofCommand(command));
        } catch (TransformationException e) {
            LOG.warn("thing {}: command {} to {} not sent: {}", thing().uid(), command, channel.channelId(), e.getMessage());
            return;
        }
        CoapHandler outcome = new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                if (!response.isSuccess()) {
                    LOG.warn("thing {}: command {} to {} refused: {} {}", thing().uid(), command, channel.channelId(),
                            response.getCode(), response.getResponseText());
                } else if (!route.echoes()) {
                    scheduler().execute(() -> assumeState(channel.channelId(), command));
                }
            }

            @Override
            public void onError() {
                LOG.warn("thing {}: command {} to {} got no answer", thing().uid(), command, channel.channelId());
            }
        };
        CoapClient client = client(route.path());
        if (route.method().equals("POST")) {
            client.post(outcome, payload, route.contentFormat());
        } else {
            client.put(outcome, payload, route.contentFormat());
        }
    }

    private void assumeState(String channelId, Command command) {
        thingType().channel(channelId).flatMap(channel -> StateText.assumedState(command, channel))
                .ifPresent(state -> updateState(channelId, state));
    }

    /**
     * Why the outbound policy refuses the device now, if it does: asked before every request, so that a changed
     * policy (or a name that now resolves elsewhere) applies to the next one.
     */
    private Optional<String> refusal() {
        try {
            outbound.admit(base);
            return Optional.empty();
        } catch (DestinationRefusedException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.empty(); // the request itself fails and says so
        }
    }

    private CoapClient client(String path) {
        CoapClient client = new CoapClient(uri(path));
        client.setEndpoint(endpoint);
        return client;
    }

    private String uri(String path) {
        String root = base.toString().endsWith("/") ? base.toString() : base + "/";
        return root + (path.startsWith("/") ? path.substring(1) : path);
    }

    @Override
    public void dispose() {
        disposed = true;
        for (Resource resource : resources.values()) {
            if (resource.relation != null) {
                resource.relation.proactiveCancel();
            }
        }
        if (ownEndpoint && endpoint != null) {
            endpoint.destroy();
        }
    }
}
