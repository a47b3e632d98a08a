package org.cityhub.core.internal.thing.state;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.json.Json;
import org.cityhub.json.ThingJson;
import org.eclipse.jdt.annotation.Nullable;

/**
 * Every thing's status; each change is published as a status event with the status before it. A running
 * thing whose bridge is offline shows {@code OFFLINE / BRIDGE_OFFLINE} whatever its handler reports; the status
 * its handler reported last comes back when the bridge does.
 */
public final class ThingStatusBook {

    static final ThingStatusInfo UNINITIALIZED = ThingStatusInfo.of(ThingStatus.UNINITIALIZED);

    private final Map<ThingUID, ThingStatusInfo> statuses = new ConcurrentHashMap<>();
    private final Map<ThingUID, ThingStatusInfo> reported = new ConcurrentHashMap<>();
    private final Set<ThingUID> behindOfflineBridge = ConcurrentHashMap.newKeySet();
    private static final Set<ThingStatusDetail> ERRORS = Set.of(ThingStatusDetail.HANDLER_ERROR,
            ThingStatusDetail.HANDLER_NOT_RESPONDING, ThingStatusDetail.HANDLER_INITIALIZING_ERROR,
            ThingStatusDetail.CONFIGURATION_ERROR, ThingStatusDetail.COMMUNICATION_ERROR);

    private final EventBus bus;
    private final BindingErrors errors;
    private final BiConsumer<ThingUID, ThingStatusInfo> onChange;
    private final Function<ThingUID, @Nullable String> departments;

    /**
     * @param onChange told of every change, after it is published (the thing manager follows bridges with it)
     * @param departments the department each thing has now, carried by its status events
     */
    public ThingStatusBook(EventBus bus, BindingErrors errors, BiConsumer<ThingUID, ThingStatusInfo> onChange,
            Function<ThingUID, @Nullable String> departments) {
        this.bus = bus;
        this.errors = errors;
        this.onChange = onChange;
        this.departments = departments;
    }

    public ThingStatusInfo get(ThingUID thing) {
        return statuses.getOrDefault(thing, UNINITIALIZED);
    }

    /** A status the hub decides (waiting, starting, stopped); it ends whatever the handler reported. */
    public void set(ThingUID thing, ThingStatusInfo status) {
        synchronized (this) {
            reported.remove(thing);
            behindOfflineBridge.remove(thing);
        }
        publish(thing, status);
    }

    /** A status the running handler reports; shown unless the thing's bridge is offline. */
    public void reported(ThingUID thing, ThingStatusInfo status) {
        boolean shown;
        synchronized (this) {
            reported.put(thing, status);
            shown = !behindOfflineBridge.contains(thing);
        }
        if (shown) {
            publish(thing, status);
        }
    }

    /** The running thing's bridge went offline or came back. */
    public void bridgeChanged(ThingUID thing, ThingUID bridge, boolean bridgeOnline) {
        ThingStatusInfo shown;
        synchronized (this) {
            if (bridgeOnline) {
                if (!behindOfflineBridge.remove(thing)) {
                    return;
                }
                shown = reported.getOrDefault(thing, ThingStatusInfo.of(ThingStatus.UNKNOWN));
            } else {
                behindOfflineBridge.add(thing);
                shown = ThingStatusInfo.of(ThingStatus.OFFLINE, ThingStatusDetail.BRIDGE_OFFLINE,
                        "bridge " + bridge + " is " + get(bridge).status());
            }
        }
        publish(thing, shown);
    }

    public void remove(ThingUID thing) {
        statuses.remove(thing);
        reported.remove(thing);
        behindOfflineBridge.remove(thing);
    }

    private void publish(ThingUID thing, ThingStatusInfo status) {
        ThingStatusInfo previous = statuses.put(thing, status);
        if (status.equals(previous)) {
            return;
        }
        var payload = Json.object().put("thingUID", thing.toString());
        payload.set("status", ThingJson.status(status));
        payload.set("previous", ThingJson.status(previous == null ? UNINITIALIZED : previous));
        bus.publish(EventTopics.thing(thing, EventTopics.TYPE_STATUS), EventTopics.TYPE_STATUS,
                Json.toText(payload), thing.bindingId(), departments.apply(thing));
        if (ERRORS.contains(status.detail())) {
            errors.record(thing.bindingId(), status.detail().name().toLowerCase(Locale.ROOT));
        }
        onChange.accept(thing, status);
    }
}
