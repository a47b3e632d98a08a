package org.cityhub.rules.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.ReadWindow;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.ItemType;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.State;

/**
 * A small city for the rules' unit tests: the water department's river gauge, lighting's embankment lamp and a
 * home's SOS button, in a mocked thing registry whose states the test sets.
 */
final class TestCity {

    static final ThingUID GAUGE = ThingUID.parse("sim:gauge:river");
    static final ThingUID LAMP = ThingUID.parse("sim:lamp:embankment");
    static final ThingUID BUTTON = ThingUID.parse("sim:button:sos");

    final ThingRegistry things = mock(ThingRegistry.class);
    private final Map<ThingUID, Map<String, ChannelState>> states = new ConcurrentHashMap<>();

    TestCity() {
        define(GAUGE, "water", new ChannelDefinition("level", "Level", ItemType.NUMBER, "m", true, ChannelKind.STATE),
                new ChannelDefinition("alarm", "Alarm", ItemType.ONOFF, null, true, ChannelKind.STATE));
        define(LAMP, "lighting", new ChannelDefinition("brightness", "Brightness", ItemType.NUMBER, "%", false,
                ChannelKind.STATE), new ChannelDefinition("power", "Power", ItemType.ONOFF, null, false,
                        ChannelKind.STATE));
        define(BUTTON, "care", new ChannelDefinition("button", "Button", ItemType.TEXT, null, true,
                ChannelKind.TRIGGER));
        when(things.getStates(any())).thenAnswer(call -> Map.copyOf(states.getOrDefault(call.getArgument(0),
                Map.of())));
        when(things.getSource(any())).thenReturn(Optional.of("managed"));
    }

    private void define(ThingUID uid, String department, ChannelDefinition... channels) {
        Thing thing = new Thing(uid, uid.id(), null, department, null, Set.of(), Map.of(), Map.of());
        ThingType type = new ThingType(uid.thingTypeUID(), "type", "", false, List.<ThingTypeUID>of(), List.of(),
                List.of(channels));
        when(things.get(uid)).thenReturn(Optional.of(thing));
        when(things.getThingType(uid)).thenReturn(Optional.of(type));
    }

    /** Lists the channel as the registry lists a channel of a known type that has had no state since the start. */
    void neverSet(ThingUID thing, String channel) {
        states.computeIfAbsent(thing, key -> new HashMap<>()).put(channel, ChannelState.NEVER_SET);
    }

    void set(ThingUID thing, String channel, State state) {
        states.computeIfAbsent(thing, key -> new HashMap<>()).put(channel, new ChannelState(state, Instant.now()));
    }

    static NumberValue number(String value, String unit) {
        return new NumberValue(new BigDecimal(value), unit);
    }

    /**
     * An audience of one department that owns its things and was granted read on {@code readable} channels of
     * others, and command on {@code commandable} ones ({@code thing:uid:channel}).
     */
    static Audience audience(String department, Set<String> readable, Set<String> commandable) {
        return new Audience() {
            @Override
            public boolean owns(Thing thing) {
                return department.equals(thing.department());
            }

            @Override
            public boolean sees(Thing thing) {
                return owns(thing) || readable.stream().anyMatch(c -> c.startsWith(thing.uid() + ":"));
            }

            @Override
            public boolean seesChannel(Thing thing, String channelId) {
                return owns(thing) || readable.contains(thing.uid() + ":" + channelId);
            }

            @Override
            public boolean mayCommand(Thing thing, String channelId) {
                return owns(thing) || commandable.contains(thing.uid() + ":" + channelId);
            }

            @Override
            public Optional<Grant> commandGrant(Thing thing, String channelId) {
                return Optional.empty();
            }

            @Override
            public List<Grant> grantsOn(Thing thing) {
                return List.of();
            }

            @Override
            public List<ReadWindow> readWindows(Thing thing, String channelId) {
                return List.of(ReadWindow.ALWAYS);
            }

            @Override
            public boolean receivesGrants() {
                return !readable.isEmpty();
            }
        };
    }
}
