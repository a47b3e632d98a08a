package org.cityhub.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityhub.api.admin.AuditLog;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.GrantOwner;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.sharing.ReadWindow;
import org.cityhub.api.sharing.Right;
import org.cityhub.api.sharing.Selection;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingCommands;
import org.cityhub.api.types.NumberValue;
import org.cityhub.json.Json;
import org.cityhub.test.TestOutboundPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

class ActionPerformerTest {

    private final TestCity city = new TestCity();
    private final ThingCommands commands = mock(ThingCommands.class);
    private final ManagedThings managed = mock(ManagedThings.class);
    private final Grants grants = mock(Grants.class);
    private final EventBus bus = mock(EventBus.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final TestOutboundPolicy outbound = new TestOutboundPolicy();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer service;

    private final Grant lamps = new Grant("lamps", GrantOwner.department("lighting"), "emergency", new Selection(
            Set.of(TestCity.LAMP), Set.of(), Set.of(), Set.of()), Set.of(Right.READ, Right.COMMAND), "floods", null,
            Instant.now(), "console:admin", null, null);

    private final ActionPerformer performer = new ActionPerformer(city.things, commands, managed, grants, bus,
            outbound, audit, HttpClient.newHttpClient());

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop(0);
        }
    }

    private void grantLamps(boolean command) {
        Audience granted = TestCity.audience("emergency", Set.of("sim:lamp:embankment:brightness"),
                command ? Set.of("sim:lamp:embankment:brightness") : Set.of());
        Audience withGrant = new DelegatingAudience(granted, command ? Optional.of(lamps) : Optional.empty());
        when(grants.audience(DepartmentScope.parse("emergency"))).thenReturn(withGrant);
    }

    private Firing firing(String rule, String actions) {
        String text = "{\"label\": \"x\", \"department\": \"emergency\", \"triggers\": [{\"type\": \"time\", \"at\":"
                + " \"07:00\"}], \"actions\": [" + actions + "]}";
        RuleRuntime runtime = new RuleRuntime(RuleCheck.check(RuleParser.parse(rule, text), city.things,
                TestCity.audience("emergency", Set.of("sim:lamp:embankment:brightness"),
                        Set.of("sim:lamp:embankment:brightness"))), "managed", true);
        return new Firing(runtime, "/triggers/0", Json.object().put("trigger", "threshold").put("value", "4.8 m"),
                Instant.now());
    }

    private static final String LIGHT_UP = "{\"type\": \"command\", \"channel\": \"sim:lamp:embankment:brightness\","
            + " \"command\": 100}";

    @Test
    void aCommandGoesThroughTheGrantInForceAndIsAuditedNamingIt() throws Exception {
        grantLamps(true);
        Firing firing = firing("light", LIGHT_UP);

        String did = performer.perform(firing, firing.rule().rule().actions().get(0));

        assertThat(did).isEqualTo("sent 100 to sim:lamp:embankment:brightness through grant lamps");
        verify(commands).sendCommand(eq(new ChannelUID(TestCity.LAMP, "brightness")), any(NumberValue.class));
        verify(audit).record(argThat(entry -> entry.actor().equals("rule:light")
                && entry.detail().equals("command 100 through grant lamps") && entry.outcome().equals("ok")));
    }

    @Test
    void aCommandWhoseGrantWasRevokedSinceTheCheckIsRefusedAndARefusedCommandFails() throws Exception {
        grantLamps(false);
        Firing firing = firing("light", LIGHT_UP);
        Action action = firing.rule().rule().actions().get(0);
        assertThatThrownBy(() -> performer.perform(firing, action)).hasMessageContaining("may no longer command");

        grantLamps(true);
        doThrow(new CommandRejectedException(CommandRejectedException.Reason.HANDLER_MISSING, "no handler"))
                .when(commands).sendCommand(any(), any());
        assertThatThrownBy(() -> performer.perform(firing, action)).hasMessageContaining("refused 100: no handler");
    }

    @Test
    void aCityEventGoesToEachDepartmentItIsAddressedToWithItsMessageFilledIn() throws Exception {
        Firing firing = firing("warn", "{\"type\": \"event\", \"name\": \"flood-warning\", \"to\": [\"transport\","
                + " \"community\"], \"message\": \"river at {value}\", \"data\": {\"area\": \"harbour\"}}");

        performer.perform(firing, firing.rule().rule().actions().get(0));

        for (String department : List.of("transport", "community")) {
            verify(bus).publish(eq("cityhub/city/" + department + "/flood-warning"), eq("city"),
                    argThat(payload -> payload.contains("\"message\":\"river at 4.8 m\"")
                            && payload.contains("\"area\":\"harbour\"") && payload.contains("\"rule\":\"warn\"")),
                    eq("rule:warn"), eq(department));
        }
    }

    @Test
    void aWebhookIsCalledWhereThePolicyAllowsAndAnErrorAnswerFails() throws Exception {
        service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/ok", exchange -> answer(exchange, 204));
        service.createContext("/broken", exchange -> answer(exchange, 500));
        service.start();
        String base = "http://127.0.0.1:" + service.getAddress().getPort();
        Firing firing = firing("hook", "{\"type\": \"webhook\", \"url\": \"" + base + "/ok\"}, {\"type\": \"webhook\","
                + " \"url\": \"" + base + "/broken\", \"method\": \"PUT\", \"body\": {\"level\": \"high\"}}");
        List<Action> actions = firing.rule().rule().actions();

        assertThat(performer.perform(firing, actions.get(0))).isEqualTo("POST " + base + "/ok: 204");
        assertThat(received.get(0)).contains("\"rule\":\"hook\"").contains("\"value\":\"4.8 m\"");
        assertThatThrownBy(() -> performer.perform(firing, actions.get(1))).hasMessageContaining("answered 500");
        assertThat(received.get(1)).isEqualTo("{\"level\":\"high\"}");

        outbound.refuse("127.0.0.1");
        assertThatThrownBy(() -> performer.perform(firing, actions.get(0))).hasMessageContaining("refuses 127.0.0.1");
        assertThat(received).hasSize(2);
    }

    private void answer(HttpExchange exchange, int status) throws IOException {
        received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Test
    void enablingAThingIsAuditedAndARefusalFails() throws Exception {
        when(grants.audience(any())).thenReturn(TestCity.audience("emergency", Set.of(), Set.of()));
        Firing firing = firing("off", "{\"type\": \"event\", \"name\": \"x\"}");
        Action.EnableThing disable = new Action.EnableThing("/actions/0", TestCity.LAMP, false);

        assertThat(performer.perform(firing, disable)).isEqualTo("disabled sim:lamp:embankment");
        verify(managed).setEnabled(TestCity.LAMP, false);
        doThrow(new ThingChangeException(ThingChangeException.Reason.NOT_FOUND, "gone")).when(managed)
                .setEnabled(any(), eq(true));
        assertThatThrownBy(() -> performer.perform(firing, new Action.EnableThing("/actions/0", TestCity.LAMP, true)))
                .hasMessageContaining("could not be enabled: gone");
        verify(audit).record(argThat(entry -> entry.outcome().startsWith("failed: gone")));
        verify(bus, never()).publish(anyString(), anyString(), contains("x"), anyString(),
                anyString());
    }

    /** An audience that answers as another does, with a grant for commands. */
    private record DelegatingAudience(Audience audience, Optional<Grant> grant) implements Audience {
        @Override
        public boolean owns(Thing thing) {
            return audience.owns(thing);
        }

        @Override
        public boolean sees(Thing thing) {
            return audience.sees(thing);
        }

        @Override
        public boolean seesChannel(Thing thing, String channelId) {
            return audience.seesChannel(thing, channelId);
        }

        @Override
        public boolean mayCommand(Thing thing, String channelId) {
            return audience.mayCommand(thing, channelId);
        }

        @Override
        public Optional<Grant> commandGrant(Thing thing, String channelId) {
            return grant;
        }

        @Override
        public List<Grant> grantsOn(Thing thing) {
            return grant.stream().toList();
        }

        @Override
        public List<ReadWindow> readWindows(Thing thing, String channelId) {
            return audience.readWindows(thing, channelId);
        }

        @Override
        public boolean receivesGrants() {
            return true;
        }
    }
}
