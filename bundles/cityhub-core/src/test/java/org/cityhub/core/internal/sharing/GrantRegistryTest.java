package org.cityhub.core.internal.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityhub.api.admin.AuditLog;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.GrantDraft;
import org.cityhub.api.sharing.GrantException;
import org.cityhub.api.sharing.GrantOwner;
import org.cityhub.api.sharing.ReadWindow;
import org.cityhub.api.sharing.Right;
import org.cityhub.api.sharing.Selection;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.security.Role;
import org.cityhub.api.home.HouseholdDraft;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.core.internal.MutableClock;
import org.cityhub.core.internal.home.HouseholdRegistry;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrantRegistryTest {

    private static final Thing GAUGE = thing("sim:gauge:qiantang", "water", Set.of("river"));
    private static final Thing PUMP = thing("sim:pump:canal", "water", Set.of("river"));
    private static final Thing LAMP = thing("sim:lamp:embankment-1", "lighting", Set.of("embankment"));
    private static final Thing PARK_LAMP = thing("sim:lamp:park-1", "lighting", Set.of("park"));
    private static final DepartmentScope EMERGENCY = DepartmentScope.parse("emergency");

    @TempDir
    Path state;

    private final EventBus bus = mock(EventBus.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final DamagedFiles damaged = new DamagedFiles();
    private final ThingRegistry things = mock(ThingRegistry.class);
    private final TokenService tokens = mock(TokenService.class);
    private HouseholdRegistry households;
    private GrantRegistry registry;

    @AfterEach
    void stop() {
        if (registry != null) {
            registry.stop();
        }
    }

    private GrantRegistry registry(Clock clock) {
        stop();
        if (households == null) {
            households = new HouseholdRegistry(bus, things, damaged, state.resolve("households.json"), clock);
        }
        registry = new GrantRegistry(bus, audit, damaged, households, new KnownDepartments(things, tokens,
                households), state.resolve("grants.json"), clock);
        return registry;
    }

    private GrantRegistry registry() {
        return registry(Clock.systemUTC());
    }

    private static Thing thing(String uid, String department, Set<String> tags) {
        return new Thing(ThingUID.parse(uid), uid, null, department, null, tags, Map.of(), Map.of());
    }

    private static GrantDraft draft(String id, String owner, Selection selection, Set<Right> rights) {
        return new GrantDraft(id, GrantOwner.department(owner), "emergency", selection, rights, "flood warnings", null);
    }

    private static Selection things(ThingUID... uids) {
        return new Selection(Set.of(uids), Set.of(), Set.of(), Set.of());
    }

    @Test
    void aGrantLetsTheGranteeSeeWhatItSelectsOfTheOwnersThingsAndNothingElse() throws Exception {
        GrantRegistry grants = registry();
        Audience emergency = grants.audience(EMERGENCY);
        assertThat(emergency.sees(GAUGE)).isFalse();

        grants.create(draft("gauges", "water", new Selection(Set.of(), Set.of(), Set.of("river"), Set.of(
                ThingTypeUID.parse("sim:gauge"))), Set.of(Right.READ)), "token:water-admin");

        assertThat(emergency.sees(GAUGE)).isTrue();
        assertThat(emergency.owns(GAUGE)).isFalse();
        assertThat(emergency.sees(PUMP)).as("tag and type narrow together").isFalse();
        assertThat(emergency.mayCommand(GAUGE, "level")).isFalse();
        assertThat(emergency.grantsOn(GAUGE)).extracting(Grant::id).containsExactly("gauges");
        Thing gaugeOfTransport = thing("sim:gauge:qiantang", "transport", Set.of("river"));
        assertThat(emergency.sees(gaugeOfTransport)).as("only the owner's things").isFalse();
        assertThat(grants.audience(DepartmentScope.parse("transport")).sees(GAUGE)).isFalse();
        assertThat(grants.audience(DepartmentScope.ALL).owns(GAUGE)).isTrue();
        verify(bus).publish(eq("cityhub/grants/gauges/added"), eq("added"), anyString(), eq("grants"), eq("water"));
    }

    @Test
    void aChannelGrantShowsThatChannelAloneAndCommandNeedsTheRight() throws Exception {
        GrantRegistry grants = registry();
        ChannelUID brightness = new ChannelUID(LAMP.uid(), "brightness");
        grants.create(draft("lamps", "lighting", new Selection(Set.of(), Set.of(brightness), Set.of(), Set.of()),
                Set.of(Right.READ, Right.COMMAND)), "console:admin");
        Audience emergency = grants.audience(EMERGENCY);

        assertThat(emergency.sees(LAMP)).isTrue();
        assertThat(emergency.seesChannel(LAMP, "brightness")).isTrue();
        assertThat(emergency.seesChannel(LAMP, "power")).isFalse();
        assertThat(emergency.mayCommand(LAMP, "brightness")).isTrue();
        assertThat(emergency.commandGrant(LAMP, "brightness")).map(Grant::id).contains("lamps");
        assertThat(emergency.mayCommand(LAMP, "power")).isFalse();
        assertThat(emergency.sees(PARK_LAMP)).isFalse();
    }

    @Test
    void revocationCountsFromTheNextQuestionAndHistoryStaysInsideTheGrantsLifetime() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T08:00:00Z"));
        GrantRegistry grants = registry(clock);
        Audience emergency = grants.audience(EMERGENCY);
        grants.create(draft("gauge", "water", things(GAUGE.uid()), Set.of(Right.READ)), "token:water-admin");
        clock.advance(Duration.ofHours(2));
        assertThat(emergency.receivesGrants()).isTrue();

        Grant revoked = grants.revoke("gauge", "token:water-admin");

        assertThat(revoked.revokedBy()).isEqualTo("token:water-admin");
        assertThat(emergency.sees(GAUGE)).isFalse();
        assertThat(emergency.receivesGrants()).isFalse();
        assertThat(emergency.readWindows(GAUGE, "level")).containsExactly(new ReadWindow(
                Instant.parse("2026-12-04T08:00:00Z"), Instant.parse("2026-12-04T10:00:00Z")));
        assertThat(grants.audience(DepartmentScope.parse("water")).readWindows(GAUGE, "level"))
                .containsExactly(ReadWindow.ALWAYS);
        assertThatThrownBy(() -> grants.revoke("gauge", "x")).isInstanceOf(GrantException.class)
                .hasMessageContaining("ended already");
        verify(bus).publish(eq("cityhub/grants/gauge/removed"), eq("removed"), anyString(), eq("grants"), eq("water"));
    }

    @Test
    void grantsSurviveARestartAndADamagedFileSharesNothing() throws Exception {
        GrantRegistry grants = registry();
        grants.create(draft(null, "water", things(GAUGE.uid()), Set.of(Right.READ)), "token:water-admin");
        grants.create(draft("ended", "water", things(PUMP.uid()), Set.of(Right.READ)), "token:water-admin");
        grants.revoke("ended", "token:water-admin");

        List<Grant> reloaded = registry().list();

        assertThat(reloaded).hasSize(2).isEqualTo(grants.list());
        assertThat(reloaded.get(0).id()).matches("g-[0-9a-f]{10}");
        assertThat(registry.audience(EMERGENCY).sees(GAUGE)).isTrue();
        assertThat(registry.audience(EMERGENCY).sees(PUMP)).isFalse();

        Files.writeString(state.resolve("grants.json"), "{\"schemaVersion\": 1, \"grants\": [", StandardCharsets.UTF_8);
        assertThat(registry().list()).isEmpty();
        assertThat(damaged.check().degraded()).isTrue();
    }

    @Test
    void aDraftIsRefusedWithTheReason() {
        GrantRegistry grants = registry();
        assertRefused(grants, new GrantDraft("Bad Id", GrantOwner.department("water"), "emergency",
                things(GAUGE.uid()), Set.of(Right.READ), "x", null), "grant id 'Bad Id' is not valid");
        assertRefused(grants, new GrantDraft(null, GrantOwner.department("water"), "water", things(GAUGE.uid()),
                Set.of(Right.READ), "x", null), "owns these things already");
        assertRefused(grants, new GrantDraft(null, GrantOwner.department("water"), "emergency", things(GAUGE.uid()),
                Set.of(Right.READ), " ", null), "states its purpose");
        assertRefused(grants, new GrantDraft(null, GrantOwner.department("water"), "emergency", things(GAUGE.uid()),
                Set.of(Right.READ), "x", Instant.now().minusSeconds(1)), "is not in the future");
        assertThatThrownBy(() -> new Selection(Set.of(), Set.of(), Set.of(), Set.of()))
                .hasMessageContaining("at least one of");
    }

    @Test
    void anExpiringGrantStopsCountingAndIsAnnounced() throws Exception {
        GrantRegistry grants = registry();
        Instant expires = Instant.now().plus(300, ChronoUnit.MILLIS);
        grants.create(new GrantDraft("brief", GrantOwner.department("water"), "emergency", things(GAUGE.uid()),
                Set.of(Right.READ), "exercise", expires), "console:admin");

        verify(bus, timeout(5_000)).publish(eq("cityhub/grants/brief/expired"), eq("expired"), anyString(),
                eq("grants"), eq("water"));
        assertThat(grants.audience(EMERGENCY).sees(GAUGE)).isFalse();
        verify(audit, timeout(5_000)).record(any()); // recorded just after the event, on the expiry's thread
    }

    @Test
    void aHouseholdsConsentShowsItsSelectionToTheGranteeAloneAndEndsWithTheHousehold() throws Exception {
        GrantRegistry grants = registry();
        when(tokens.list()).thenReturn(List.of(new TokenInfo("fire-desk", Role.VIEWER, DepartmentScope.parse(
                "fire-rescue"), Instant.now(), null, "console:admin")));
        households.put(new HouseholdDraft("flat-301", "3-301", "翠苑一区 3幢 301", "西湖区 Xihu", "community"),
                "token:community-office");
        Thing smoke = homeThing("z2m:smoke:flat-301-kitchen", "flat-301");
        Thing door = homeThing("z2m:contact:flat-301-door", "flat-301");
        Thing neighbours = homeThing("z2m:smoke:flat-302-kitchen", "flat-302");
        Audience fire = grants.audience(DepartmentScope.parse("fire-rescue"));
        assertThat(grants.audience(DepartmentScope.ALL).sees(smoke)).as("no department sees a home unasked")
                .isFalse();
        assertThat(grants.householdAudience(Set.of("flat-301")).mayCommand(smoke, "smoke")).isTrue();
        assertThat(grants.householdAudience(Set.of("flat-301")).sees(neighbours)).isFalse();
        assertThat(grants.hubAudience().sees(neighbours)).isTrue();

        grants.create(new GrantDraft("smoke-to-fire", GrantOwner.household("flat-301"), "fire-rescue", new Selection(
                Set.of(), Set.of(), Set.of(), Set.of(ThingTypeUID.parse("z2m:smoke"))), Set.of(Right.READ),
                "smoke alarms to fire rescue", null), "token:resident-301");

        assertThat(fire.sees(smoke)).isTrue();
        assertThat(fire.sees(door)).as("only what the consent selects").isFalse();
        assertThat(fire.sees(neighbours)).as("only the consenting household's things").isFalse();
        assertThat(fire.receivesGrants()).isTrue();
        assertThat(grants.audience(DepartmentScope.ALL).sees(smoke)).isFalse();

        households.remove("flat-301", "token:community-office");

        assertThat(grants.get("smoke-to-fire").orElseThrow().revoked()).as("ended with its household").isNotNull();
        assertThat(fire.sees(smoke)).isFalse();
    }

    @Test
    void aConsentNamesAHouseholdTheHubKeepsAndADepartmentItKnows() throws Exception {
        GrantRegistry grants = registry();
        when(things.getAll()).thenReturn(List.of(GAUGE));
        households.put(new HouseholdDraft("flat-301", "3-301", "翠苑一区 3幢 301", "西湖区 Xihu", "community"),
                "token:community-office");
        Selection all = new Selection(Set.of(), Set.of(), Set.of("home"), Set.of());

        assertRefused(grants, new GrantDraft(null, GrantOwner.household("flat-999"), "water", all, Set.of(Right.READ),
                "meters", null), "no household 'flat-999'");
        assertRefused(grants, new GrantDraft(null, GrantOwner.household("flat-301"), "fire-rescu", all,
                Set.of(Right.READ), "smoke", null), "no department 'fire-rescu'");
        assertThat(grants.create(new GrantDraft(null, GrantOwner.household("flat-301"), "water", all,
                Set.of(Right.READ), "meters to the water company", null), "x").grantee()).isEqualTo("water");
    }

    private static Thing homeThing(String uid, String household) {
        return new Thing(ThingUID.parse(uid), uid, null, null, null, Set.of("home"), Map.of(), Map.of(), Set.of(),
                household);
    }

    private static void assertRefused(GrantRegistry grants, GrantDraft draft, String reason) {
        assertThatThrownBy(() -> grants.create(draft, "x")).isInstanceOf(GrantException.class)
                .hasMessageContaining(reason);
    }
}
