package org.cityhub.federation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityhub.api.federation.RemoteAnswer;
import org.cityhub.api.federation.RemoteCaller;
import org.cityhub.api.federation.RemoteThing;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.Location;
import org.cityhub.api.thing.NumberRange;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.ItemType;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.json.StateJson;
import org.junit.jupiter.api.Test;

/** The record formats other hubs and a city's analytics read: what goes out comes back whole. */
class RecordsTest {

    private static final ThingTypeUID LIGHT_TYPE = new ThingTypeUID("simulator", "streetlight");
    private static final ThingUID LIGHT = new ThingUID(LIGHT_TYPE, "xiaoshan-7");
    private static final ThingType TYPE = new ThingType(LIGHT_TYPE, "Street light", "", false, List.of(), List.of(),
            List.of(new ChannelDefinition("power", "Power", ItemType.ONOFF, null, false, ChannelKind.STATE),
                    new ChannelDefinition("brightness", "Brightness", ItemType.NUMBER, "%", false, ChannelKind.STATE,
                            null, new NumberRange(BigDecimal.ZERO, new BigDecimal("100"), new BigDecimal("5")))));
    private static final Instant EIGHT = Instant.parse("2026-12-04T08:00:00Z");

    @Test
    void aThingsViewComesBackWholeWithItsHubTypeStatusAndStates() {
        Thing thing = new Thing(LIGHT, "Xiaoshan light 7", null, "public-lighting", new Location(30.16, 120.26),
                Set.of("river"), Map.of("district", "萧山区 Xiaoshan"), Map.of("intervalSeconds", new BigDecimal("5")),
                Set.of());
        ThingStatusInfo status = ThingStatusInfo.of(ThingStatus.OFFLINE, ThingStatusDetail.COMMUNICATION_ERROR,
                "no answer");
        Map<String, ChannelState> states = Map.of("power", new ChannelState(OnOff.ON, EIGHT), "brightness",
                new ChannelState(new NumberValue(new BigDecimal("40"), "%"), EIGHT));

        RemoteThing back = Records.parseThing(Records.read(Records.thing("xiaoshan", thing, TYPE, status, states))
                .orElseThrow());

        assertThat(back).isEqualTo(new RemoteThing("xiaoshan", thing, TYPE, status, states));
    }

    @Test
    void eventsCommandsAndRepliesCarryTheirHubAndFormatVersion() {
        String state = Records.state("xiaoshan", new ChannelUID(LIGHT, "brightness"), new NumberValue(
                new BigDecimal("40"), "%"), EIGHT);
        assertThat(Records.read(state).orElseThrow().path("hub").asText()).isEqualTo("xiaoshan");
        assertThat(Records.read(state).orElseThrow().path("v").asInt()).isEqualTo(Records.VERSION);

        RemoteCaller caller = new RemoteCaller("bus-office", Role.OPERATOR, DepartmentScope.parse("transport,water"));
        var command = Records.read(Records.command("binjiang", "id-1", new ChannelUID(LIGHT, "power"),
                StateJson.command(OnOff.OFF), caller, EIGHT)).orElseThrow();
        assertThat(Records.parseCaller(command.path("caller"))).isEqualTo(caller);
        assertThat(command.path("hub").asText()).isEqualTo("binjiang");

        RemoteAnswer refused = RemoteAnswer.rejected(CommandRejectedException.Reason.READ_ONLY, "read-only");
        assertThat(Records.parseReply(Records.read(Records.reply("xiaoshan", "id-1", refused)).orElseThrow()))
                .isEqualTo(refused);
    }

    @Test
    void aStateRecordMadeFromTheHubsOwnEventReadsAsOneWrittenFieldByField() {
        String payload = "{\"thingUID\":\"simulator:streetlight:xiaoshan-7\",\"channel\":\"brightness\",\"state\":"
                + "{\"type\":\"number\",\"value\":40,\"unit\":\"%\",\"updated\":\"2026-12-04T08:00:00Z\"}}";
        var fromEvent = Records.read(Records.stateOf("xiaoshan", payload)).orElseThrow();
        var written = Records.read(Records.state("xiaoshan", new ChannelUID(LIGHT, "brightness"), new NumberValue(
                new BigDecimal("40"), "%"), EIGHT)).orElseThrow();

        for (String field : List.of("v", "hub", "kind", "thingUID", "channel", "state")) {
            assertThat(fromEvent.get(field)).as(field).isEqualTo(written.get(field));
        }
    }

    @Test
    void aRecordOfAnotherFormatVersionOrNotJsonIsNotRead() {
        assertThat(Records.read("{\"v\": 2, \"hub\": \"future\"}")).isEmpty();
        assertThat(Records.read("not json")).isEmpty();
        assertThat(Records.read(null)).isEmpty();
    }
}
