package org.cityhub.binding.http.internal;

import java.util.Map;
import java.util.Optional;

import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;

/**
 * One element of a resource's list ({@code http:item}): a bus stop among a line's arrivals. It asks nothing itself;
 * its resource's answer feeds it, so a hundred stops cost one request.
 */
final class ItemHandler extends HttpThingHandler {

    private @Nullable ThingUID resource;
    private String key = "";

    ItemHandler(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    @Override
    public void initialize() {
        Optional<ItemConfig> config = configuration(ItemConfig.class);
        if (config.isEmpty()) {
            return;
        }
        key = config.get().key();
        try {
            resource = ThingUID.parse(config.get().resource());
        } catch (IllegalArgumentException e) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, "resource: " + e.getMessage());
            return;
        }
        if (!readChannels(null)) {
            return;
        }
        Optional<EndpointHandler> endpoint = endpoint();
        if (endpoint.isEmpty()) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                    "an http:item goes through a running http:endpoint bridge");
            return;
        }
        endpoint.get().addItem(resource, key, this);
        updateStatus(ThingStatus.UNKNOWN, ThingStatusDetail.NONE, "waiting for the next answer of " + resource);
    }

    /** The item's element of the resource's latest answer. */
    void deliver(String element) {
        handBack(() -> {
            apply(mapping().read(element), true);
            updateStatus(ThingStatus.ONLINE);
        });
    }

    /** The resource's latest answer has no element with this item's key. */
    void missing(ThingUID from, int present) {
        handBack(() -> updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, "the last answer of "
                + from + " has no element with key '" + key + "' (" + present + " elements)"));
    }

    /** The resource's service failed. */
    void sourceFailed(ThingUID from, String reason) {
        handBack(() -> updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR, from + ": " + reason));
    }

    @Override
    protected Map<String, String> placeholders(ChannelUID channel) {
        return Map.of("thing", thing().uid().id(), "channel", channel.channelId(), "key", key);
    }

    @Override
    protected void refresh() {
        // the resource polls for every item; a refresh of one item waits for its next answer
    }

    @Override
    public void dispose() {
        super.dispose();
        if (resource != null) {
            bridgeHandler(EndpointHandler.class).ifPresent(endpoint -> endpoint.removeItem(resource, key, this));
        }
    }
}
