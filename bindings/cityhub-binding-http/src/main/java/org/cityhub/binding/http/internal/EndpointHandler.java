package org.cityhub.binding.http.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A department's service (the {@code http:endpoint} bridge): its HTTP client with credentials and limits, the pace
 * its resources share, and which items wait for which resource's list.
 */
final class EndpointHandler extends BaseThingHandler {

    private final Map<ThingUID, Map<String, ItemHandler>> items = new ConcurrentHashMap<>();
    private volatile @Nullable DepartmentClient client;
    private volatile @Nullable EndpointConfig config;
    private volatile @Nullable RequestPacer pacer;

    private final OutboundPolicy outbound;

    EndpointHandler(Thing thing, ThingHandlerCallback callback, OutboundPolicy outbound) {
        super(thing, callback);
        this.outbound = outbound;
    }

    @Override
    public void initialize() {
        Optional<EndpointConfig> configured = configuration(EndpointConfig.class);
        if (configured.isEmpty()) {
            return;
        }
        EndpointConfig read = configured.get();
        DepartmentClient created;
        try {
            created = new DepartmentClient(read, clock(), outbound);
        } catch (IllegalArgumentException e) { // a certificate that cannot be read
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, e.getMessage());
            return;
        }
        config = read;
        pacer = new RequestPacer(read.requestsPerSecond());
        client = created;
        updateStatus(ThingStatus.ONLINE);
    }

    /** Whether the endpoint's configuration is good and its client runs. */
    boolean ready() {
        return client != null;
    }

    DepartmentClient client() {
        return require(client);
    }

    EndpointConfig config() {
        return require(config);
    }

    RequestPacer pacer() {
        return require(pacer);
    }

    /** Lets an item receive its element of a resource's list. */
    void addItem(ThingUID resource, String key, ItemHandler item) {
        items.computeIfAbsent(resource, r -> new ConcurrentHashMap<>()).put(key, item);
    }

    void removeItem(ThingUID resource, String key, ItemHandler item) {
        items.computeIfPresent(resource, (r, byKey) -> {
            byKey.remove(key, item);
            return byKey.isEmpty() ? null : byKey;
        });
    }

    /**
     * The items waiting for the resource's list, by key: those of the resource's own department only. An item of
     * another department that names the resource gets neither its data nor its failures, as if it did not exist.
     */
    Map<String, ItemHandler> itemsOf(Thing resource) {
        Map<String, ItemHandler> waiting = new HashMap<>(items.getOrDefault(resource.uid(), Map.of()));
        waiting.values().removeIf(item -> !Objects.equals(item.thing().department(), resource.department()));
        return waiting;
    }

    @Override
    public void handleCommand(ChannelUID channel, Command command) {
        // an endpoint has no channels
    }

    @Override
    public void dispose() {
        DepartmentClient running = client;
        client = null;
        if (running != null) {
            running.close();
        }
    }

    private <T> T require(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("endpoint " + thing().uid() + " is not running");
        }
        return value;
    }
}
