package org.cityhub.core.internal.thing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.NumberRange;
import org.cityhub.api.thing.ParameterType;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A generic thing type whose things define their own channels in their configuration. */
class ThingDefinedChannelsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final ThingTypeUID GENERIC = new ThingTypeUID("test", "generic");
    private static final ThingUID SENSOR = new ThingUID(GENERIC, "air-7");
    private static final ThingType GENERIC_TYPE = new ThingType(GENERIC, "Generic", "", false, List.of(),
            List.of(new ConfigParameter("channels", ParameterType.CHANNELS, "Channels", "", false, null, null, null,
                    null, List.of())),
            List.of());
    private static final List<Object> CHANNELS = List.of(
            Map.of("id", "pm25", "itemType", "number", "unit", "µg/m3", "path", "$.pm25"),
            Map.of("id", "fan", "itemType", "onoff", "readOnly", false),
            Map.of("id", "speed", "itemType", "number", "unit", "%", "readOnly", false, "min", 0, "max", 100, "step", 5));

    private final ThingFixtures.MapTypes types = new ThingFixtures.MapTypes();
    private final List<Command> commands = new CopyOnWriteArrayList<>();
    private volatile Map<String, Object> settings = Map.of();
    private ThingManager manager;

    @BeforeEach
    void start() {
        types.put(GENERIC_TYPE);
        manager = new ThingManager(new ThingFixtures.RecordingBus(), types, new BindingErrors(),
                ThingFixtures.config(1));
        manager.define(Thing.of(SENSOR, "Air 7", Map.of("channels", CHANNELS)), "air.json", true);
        manager.addFactory(new GenericFactory(), ThingFixtures.factoryReference("org.example.generic"));
        await().atMost(PATIENCE).until(() -> manager.getStatus(SENSOR).status() == ThingStatus.ONLINE);
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    @Test
    void theThingHasTheChannelsItsConfigurationDefines() {
        ThingType type = manager.getThingType(SENSOR).orElseThrow();

        assertThat(type.channels()).extracting(ChannelDefinition::id).containsExactly("pm25", "fan", "speed");
        assertThat(type.channel("speed").orElseThrow().range()).isEqualTo(new NumberRange(BigDecimal.ZERO,
                BigDecimal.valueOf(100), BigDecimal.valueOf(5)));
        assertThat(type.channel("pm25").orElseThrow().unit()).isEqualTo("µg/m3");
        assertThat(type.channel("pm25").orElseThrow().readOnly()).isTrue();
        assertThat(type.channel("fan").orElseThrow().readOnly()).isFalse();
        assertThat(settings).containsEntry("path", "$.pm25").containsEntry("unit", "µg/m3");
    }

    @Test
    void statesOfItsOwnChannelsAreRecordedAndCommandsReachThem() throws Exception {
        await().atMost(PATIENCE).until(() -> manager.getStates(SENSOR).get("pm25").state() instanceof NumberValue);
        assertThat(manager.getStates(SENSOR)).containsOnlyKeys("pm25", "fan", "speed");

        manager.sendCommand(new ChannelUID(SENSOR, "fan"), OnOff.ON);
        await().atMost(PATIENCE).until(() -> commands.contains(OnOff.ON));

        assertThatThrownBy(() -> manager.sendCommand(new ChannelUID(SENSOR, "pm25"), OnOff.ON))
                .isInstanceOf(CommandRejectedException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> manager.sendCommand(new ChannelUID(SENSOR, "co2"), OnOff.ON))
                .hasMessageContaining("has no channel 'co2'");
    }

    @Test
    void aNumberOutsideTheChannelsRangeIsRefusedBeforeTheBindingSeesIt() throws Exception {
        ChannelUID speed = new ChannelUID(SENSOR, "speed");
        assertThatThrownBy(() -> manager.sendCommand(speed, new NumberValue(BigDecimal.valueOf(140), "%")))
                .isInstanceOf(CommandRejectedException.class)
                .hasMessageContaining("takes 0 to 100 %; 140 % is out of range");
        assertThatThrownBy(() -> manager.sendCommand(speed, new NumberValue(BigDecimal.valueOf(-1), null)))
                .hasMessageContaining("out of range");

        manager.sendCommand(speed, new NumberValue(BigDecimal.valueOf(100), null));
        await().atMost(PATIENCE).until(() -> commands.contains(new NumberValue(BigDecimal.valueOf(100), null)));
        assertThat(commands).noneMatch(command -> command instanceof NumberValue n && n.value().intValue() != 100);
    }

    @Test
    void aRangeThatCannotHoldAnyNumberIsAConfigurationError() {
        ThingUID broken = new ThingUID(GENERIC, "upside-down");
        manager.define(Thing.of(broken, "Upside down", Map.of("channels", List.of(
                Map.of("id", "x", "itemType", "number", "min", 10, "max", 1),
                Map.of("id", "y", "itemType", "onoff", "min", 0)))), "air.json", true);

        await().atMost(PATIENCE).until(() -> manager.getStatus(broken).message() != null
                && manager.getStatus(broken).message().contains("min 10 is above max 1"));
        assertThat(manager.getStatus(broken).message()).contains("only a number channel has a range");
    }

    @Test
    void badChannelDefinitionsAreAConfigurationErrorNamingTheEntry() {
        ThingUID broken = new ThingUID(GENERIC, "broken");
        manager.define(Thing.of(broken, "Broken", Map.of("channels", List.of(Map.of("id", "x", "itemType", "colour"),
                Map.of("itemType", "number"), "pm10"))), "air.json", true);

        await().atMost(PATIENCE).until(() -> manager.getStatus(broken).message() != null
                && manager.getStatus(broken).message().contains("colour"));
        assertThat(manager.getStatus(broken).message()).contains("channel 2: missing 'id'")
                .contains("channel 3 must be an object");
    }

    private final class GenericFactory implements ThingHandlerFactory {
        @Override
        public boolean supportsThingType(ThingTypeUID type) {
            return type.equals(GENERIC);
        }

        @Override
        public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
            return new BaseThingHandler(thing, callback) {
                @Override
                public void initialize() {
                    settings = channelSettings("pm25");
                    updateStatus(ThingStatus.ONLINE);
                    updateState("pm25", NumberValue.of(12.5, "µg/m3"));
                    updateState("undeclared", NumberValue.of(1));
                }

                @Override
                public void handleCommand(ChannelUID channel, Command command) {
                    commands.add(command);
                }
            };
        }
    }

}
