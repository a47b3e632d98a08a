package org.cityhub.api.federation;

import java.util.Map;

import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;

/**
 * A thing of another hub as that hub shares it: its definition (never its secrets), its type as that hub knows it,
 * its status and its channels' last states.
 *
 * @param hub the id of the hub that owns and runs the thing
 * @param thing the definition
 * @param type the thing's type, channels included, as its hub knows it
 * @param status its status on its hub
 * @param states its channels' last states by channel id
 */
public record RemoteThing(String hub, Thing thing, ThingType type, ThingStatusInfo status,
        Map<String, ChannelState> states) {

    public RemoteThing {
        HubIds.check(hub);
        if (!type.uid().equals(thing.thingTypeUID())) {
            throw new IllegalArgumentException("thing " + thing.uid() + " has type " + thing.thingTypeUID()
                    + ", not " + type.uid());
        }
        states = Map.copyOf(states);
    }
}
