package org.cityhub.core.internal.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.Optional;

import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.discovery.InboxEntry;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingPage;
import org.cityhub.api.thing.ThingQuery;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

class InboxServiceTest {

    private static final ThingUID LAMP = ThingUID.parse("test:lamp:l7");
    private static final DiscoveryResult FOUND = new DiscoveryResult(LAMP, "Lamp 7", null, Map.of("serial", "77"),
            Map.of("host", "10.0.0.7"));

    @TempDir
    Path state;

    private int cap = 1_000;

    private final ManagedThings managed = mock(ManagedThings.class);
    private final ThingRegistry things = mock(ThingRegistry.class);
    private final List<Thing> known = new ArrayList<>();
    private final EventBus bus = mock(EventBus.class);
    private InboxService inbox;

    @BeforeEach
    void start() {
        when(things.get(any())).thenReturn(Optional.empty());
        when(things.find(any(), any(), anyInt(), anyInt())).thenAnswer(call -> {
            ThingQuery query = call.getArgument(0);
            Predicate<Thing> visible = call.getArgument(1);
            List<Thing> found = known.stream().filter(t -> query.matches(t, ThingStatus.ONLINE) && visible.test(t))
                    .toList();
            return new ThingPage(found, found.size());
        });
        inbox = new InboxService(managed, things, bus, new DamagedFiles(), config());
    }

    @AfterEach
    void stop() {
        inbox.stop();
    }

    @Test
    void aDiscoveryServiceIsAskedToScanAndItsResultsLandInTheInbox() {
        inbox.addDiscovery(listener -> listener.discovered(FOUND));

        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.get(LAMP).isPresent());
        assertThat(inbox.getAll()).extracting(InboxEntry::result).containsExactly(FOUND);
    }

    @Test
    void approvingCreatesAManagedThingWithTheChosenIdAndLabel() throws Exception {
        inbox.discovered(FOUND);
        when(managed.add(any())).thenAnswer(call -> call.getArgument(0));

        Thing thing = inbox.approve(LAMP, "hall-lamp", null);

        ArgumentCaptor<Thing> created = ArgumentCaptor.forClass(Thing.class);
        verify(managed).add(created.capture());
        assertThat(thing.uid()).isEqualTo(ThingUID.parse("test:lamp:hall-lamp"));
        assertThat(created.getValue().label()).isEqualTo("Lamp 7");
        assertThat(created.getValue().configuration()).containsEntry("host", "10.0.0.7");
        assertThat(created.getValue().properties()).containsEntry("serial", "77").containsEntry("discoveredAs", "test:lamp:l7");
        assertThat(inbox.get(LAMP)).isEmpty();
        assertThatThrownBy(() -> inbox.approve(LAMP, null, null)).hasMessage("no inbox entry test:lamp:l7");
        assertThatThrownBy(() -> {
            inbox.discovered(FOUND);
            inbox.approve(LAMP, "bad id", null);
        }).isInstanceOf(ThingChangeException.class).hasMessageContaining("invalid thing id 'bad id'");
    }

    @Test
    void anIgnoredEntryStaysIgnoredAcrossRestartsAndRediscovery() throws Exception {
        inbox.discovered(FOUND);
        inbox.ignore(LAMP);
        inbox.stop();

        inbox = new InboxService(managed, things, bus, new DamagedFiles(), config());
        inbox.discovered(FOUND);
        inbox.vanished(LAMP);

        assertThat(inbox.get(LAMP)).map(InboxEntry::ignored).contains(true);
        inbox.remove(LAMP);
        assertThat(inbox.getAll()).isEmpty();
    }

    @Test
    void aBindingAnnouncingWithoutEndKeepsOnlyItsNewestEntries() {
        inbox.stop();
        cap = 3;
        inbox = new InboxService(managed, things, bus, new DamagedFiles(), config());
        for (int i = 0; i < 10; i++) {
            inbox.discovered(new DiscoveryResult(ThingUID.parse("mqtt:topic:flood-" + i), "Flood " + i, null, Map.of(),
                    Map.of()));
        }
        inbox.discovered(new DiscoveryResult(ThingUID.parse("coap:device:calm"), "Calm", null, Map.of(), Map.of()));

        assertThat(inbox.getAll()).extracting(entry -> entry.result().thingUID().toString())
                .containsExactlyInAnyOrder("mqtt:topic:flood-7", "mqtt:topic:flood-8", "mqtt:topic:flood-9",
                        "coap:device:calm");
    }

    @Test
    void aDamagedInboxFileIsSetAsideAndItsIgnoredEntriesOfferedAgain() throws Exception {
        Files.createDirectories(state);
        Files.writeString(state.resolve("inbox.json"), "{\"schemaVersion\": 1, \"ignored\": [{\"thingUID\": 7}]}");
        DamagedFiles damaged = new DamagedFiles();
        inbox.stop();

        inbox = new InboxService(managed, things, bus, damaged, config());

        assertThat(inbox.getAll()).isEmpty();
        assertThat(state.resolve("inbox.json")).doesNotExist();
        assertThat(damaged.damages()).singleElement().satisfies(damage ->
                assertThat(damage.lost()).contains("offered in the inbox again"));
    }

    @Test
    void devicesThatAreThingsAlreadyAreNotOfferedUnderTheirOwnOrAnotherUid() {
        when(things.get(LAMP)).thenReturn(Optional.of(Thing.of(LAMP, "Lamp", Map.of())));
        inbox.discovered(FOUND);
        assertThat(inbox.getAll()).isEmpty();

        when(things.get(LAMP)).thenReturn(Optional.empty());
        known.add(new Thing(ThingUID.parse("test:lamp:hall"), "Hall", null, null, null, null,
                Map.of("discoveredAs", "test:lamp:l7"), null));
        inbox.discovered(FOUND);
        assertThat(inbox.getAll()).isEmpty();
    }

    private InboxService.Config config() {
        return new InboxService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return InboxService.Config.class;
            }

            @Override
            public String stateDirectory() {
                return state.toString();
            }

            @Override
            public int maxEntriesPerSource() {
                return cap;
            }
        };
    }
}
