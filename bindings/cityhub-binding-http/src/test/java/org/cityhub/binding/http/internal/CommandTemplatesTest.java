package org.cityhub.binding.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityhub.binding.http.internal.HttpThings.WAIT;
import static org.cityhub.binding.http.internal.HttpThings.awaitStatus;
import static org.cityhub.binding.http.internal.HttpThings.channel;
import static org.cityhub.binding.http.internal.HttpThings.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.cityhub.test.HandlerHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands to a department's service, as templated requests of resources and of items, imitated on loopback. */
class CommandTemplatesTest {

    private final HttpThings things = new HttpThings();
    private DepartmentServer environment;

    @BeforeEach
    void start() throws IOException {
        environment = new DepartmentServer();
    }

    @AfterEach
    void stop() {
        environment.close();
    }

    @Test
    void commandsGoOutAsTemplatedRequests() {
        environment.json("/lights/lamp-1", "{\"level\": 10, \"power\": 0}");
        environment.route("/lights/lamp-1/level", (exchange, request) -> DepartmentServer.send(exchange, 204, "", ""));
        environment.route("/lights/lamp-1", (exchange, request) -> DepartmentServer.send(exchange, 200,
                "application/json", "{\"level\": 10, \"power\": 0}"));
        HandlerHarness endpoint = things.endpoint("lights", config("baseUrl", environment.baseUrl()));
        HandlerHarness lamp = things.resource(endpoint, "lamp-1", "lights/lamp-1", List.of(
                channel("level", "number", "readOnly", false, "transform", "jsonpath:$.level", "commandMethod", "PUT",
                        "commandPath", "lights/{thing}/level", "commandBody", "{\"level\": {value}, \"by\": \"{channel}\"}",
                        "commandHeaders", "X-Request: cityhub-{thing}"),
                channel("power", "onoff", "readOnly", false, "transform", List.of("jsonpath:$.power", "map:1=ON,0=OFF"),
                        "commandTransform", "map:ON=1,OFF=0", "commandBody", "{\"power\": {value}}")));
        awaitStatus(lamp, ThingStatus.ONLINE);

        lamp.command("level", new NumberValue(BigDecimal.valueOf(40), null));
        lamp.runUntil(() -> lamp.states("level").size() == 2, WAIT);
        lamp.command("power", OnOff.ON);
        lamp.runUntil(() -> lamp.states("power").size() == 2, WAIT);

        DepartmentServer.Received level = environment.received("/lights/lamp-1/level").get(0);
        assertThat(level.method()).isEqualTo("PUT");
        assertThat(level.body()).isEqualTo("{\"level\": 40, \"by\": \"level\"}");
        assertThat(level.header("X-Request")).isEqualTo("cityhub-lamp-1");
        assertThat(level.header("Content-Type")).isEqualTo("application/json");
        DepartmentServer.Received power = environment.received("/lights/lamp-1").stream()
                .filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
        assertThat(power.body()).isEqualTo("{\"power\": 1}");
        assertThat(lamp.state("level")).isEqualTo(new NumberValue(BigDecimal.valueOf(40), null));
        assertThat(lamp.state("power")).isEqualTo(OnOff.ON);
    }

    @Test
    void anItemsCommandNamesItsKeyInThePathBodyAndHeaders() {
        environment.json("/lights", "{\"lamps\": [{\"id\": \"pier-7\", \"level\": 10}]}");
        environment.route("/lights/pier-7/level", (exchange, request) -> DepartmentServer.send(exchange, 204, "", ""));
        HandlerHarness endpoint = things.endpoint("lights", config("baseUrl", environment.baseUrl()));
        HandlerHarness lamp = things.item(endpoint, "lamp-pier-7", "http:resource:lights", "pier-7", List.of(
                channel("level", "number", "readOnly", false, "transform", "jsonpath:$.level", "commandMethod", "PUT",
                        "commandPath", "lights/{key}/level", "commandBody", "{\"lamp\": \"{key}\", \"level\": {value}}",
                        "commandHeaders", "X-Lamp: {key}")));
        HandlerHarness lights = things.resource(endpoint, "lights", "lights", List.of(), "itemsPath", "$.lamps",
                "itemKey", "$.id");
        awaitStatus(lights, ThingStatus.ONLINE);
        awaitStatus(lamp, ThingStatus.ONLINE);

        lamp.command("level", new NumberValue(BigDecimal.valueOf(60), null));
        lamp.runUntil(() -> !environment.received("/lights/pier-7/level").isEmpty(), WAIT);
        DepartmentServer.Received command = environment.received("/lights/pier-7/level").get(0);
        assertThat(command.method()).isEqualTo("PUT");
        assertThat(command.body()).isEqualTo("{\"lamp\": \"pier-7\", \"level\": 60}");
        assertThat(command.header("X-Lamp")).isEqualTo("pier-7");
    }
}
