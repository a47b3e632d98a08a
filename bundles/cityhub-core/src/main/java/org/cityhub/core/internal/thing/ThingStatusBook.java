package org.cityhub.core.internal.thing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.json.ModelJson;

/** Every thing's status; each change is published as a status event with the status before it. */
final class ThingStatusBook {

    static final ThingStatusInfo UNINITIALIZED = ThingStatusInfo.of(ThingStatus.UNINITIALIZED);

    private final Map<ThingUID, ThingStatusInfo> statuses = new ConcurrentHashMap<>();
    private final EventBus bus;

    ThingStatusBook(EventBus bus) {
        this.bus = bus;
    }

    ThingStatusInfo get(ThingUID thing) {
        return statuses.getOrDefault(thing, UNINITIALIZED);
    }

    void set(ThingUID thing, ThingStatusInfo status) {
        ThingStatusInfo previous = statuses.put(thing, status);
        if (status.equals(previous)) {
            return;
        }
        var payload = ModelJson.object().put("thingUID", thing.toString());
        payload.set("status", ModelJson.status(status));
        payload.set("previous", ModelJson.status(previous == null ? UNINITIALIZED : previous));
        bus.publish(EventTopics.thing(thing, EventTopics.TYPE_STATUS), EventTopics.TYPE_STATUS,
                ModelJson.toText(payload), thing.bindingId());
    }

    void remove(ThingUID thing) {
        statuses.remove(thing);
    }
}
