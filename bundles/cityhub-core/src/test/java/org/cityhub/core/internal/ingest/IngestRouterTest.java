package org.cityhub.core.internal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.ingest.IngestException;
import org.cityhub.api.ingest.IngestException.Reason;
import org.cityhub.api.ingest.IngestHandler;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.State;
import org.cityhub.core.internal.thing.ExternalStates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestRouterTest {

    private static final ThingTypeUID PUSH = new ThingTypeUID("http", "push");
    private static final ThingUID GAUGE = new ThingUID(PUSH, "gauge-7");
    private static final ThingUID METER = new ThingUID(PUSH, "meter-2");
    private static final ThingUID LAMP = ThingUID.parse("simulator:streetlight:harbour-1");

    private final ThingRegistry things = mock(ThingRegistry.class);
    private final ExternalStates states = mock(ExternalStates.class);
    private final List<String> documents = new ArrayList<>();
    private IngestRouter router;

    /** Maps {@code {"level": n}} to the level channel, and refuses anything else, as a binding would. */
    private final IngestHandler levels = new IngestHandler() {
        @Override
        public boolean supportsThingType(ThingTypeUID thingTypeUID) {
            return thingTypeUID.equals(PUSH);
        }

        @Override
        public Map<String, State> map(Thing thing, ThingType thingType, String document) throws IngestException {
            documents.add(document);
            String value = document.replaceAll("[^0-9.]", "");
            if (!document.contains("\"level\"") || value.isEmpty()) {
                throw new IngestException(List.of("channel level: no number in " + document));
            }
            return Map.of("level", new NumberValue(new BigDecimal(value), "cm"));
        }
    };

    @BeforeEach
    void start() {
        for (ThingUID uid : List.of(GAUGE, METER, LAMP)) {
            when(things.get(uid)).thenReturn(Optional.of(Thing.of(uid, uid.id(), Map.of())));
            when(things.getStatus(uid)).thenReturn(ThingStatusInfo.of(ThingStatus.ONLINE));
            when(things.getThingType(uid)).thenReturn(Optional.of(new ThingType(uid.thingTypeUID(), "t", "", false,
                    List.of(), List.of(), List.of())));
        }
        router = new IngestRouter(things, states);
        router.addHandler(levels);
    }

    @Test
    void aDocumentReachesItsBindingAsSentAndItsStatesAreRecorded() throws Exception {
        Map<String, State> recorded = router.ingest(GAUGE, " {\"level\": 182.5}\n");

        assertThat(documents).containsExactly(" {\"level\": 182.5}\n");
        assertThat(recorded).containsEntry("level", new NumberValue(new BigDecimal("182.5"), "cm"));
        verify(states).record(new ChannelUID(GAUGE, "level"), new NumberValue(new BigDecimal("182.5"), "cm"));
    }

    @Test
    void aBatchIsSplitIntoEachDocumentsOwnTextAndRecordedAllOrNothing() throws Exception {
        Map<ThingUID, Map<String, State>> recorded = router.ingestBatch("{\"http:push:gauge-7\": {\"level\": 190},"
                + " \"http:push:meter-2\": {\"level\":  [1]}}", thing -> true);

        assertThat(documents).containsExactly("{\"level\": 190}", "{\"level\":  [1]}");
        assertThat(recorded).containsOnlyKeys(GAUGE, METER);

        documents.clear();
        assertThatThrownBy(() -> router.ingestBatch("{\"http:push:gauge-7\": {\"level\": 191},"
                + " \"http:push:meter-2\": {\"flow\": \"high\"}, \"http:push:nowhere\": {}}", thing -> true))
                .isInstanceOfSatisfying(IngestException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID_DOCUMENT);
                    assertThat(e.problems()).hasSize(2).anyMatch(p -> p.startsWith("http:push:meter-2: channel level"))
                            .contains("http:push:nowhere: no such thing");
                });
        verify(states, never()).record(new ChannelUID(GAUGE, "level"), new NumberValue(new BigDecimal("191"), "cm"));
    }

    @Test
    void aThingTheCallerMayNotSeeIsAnsweredAsOneThatDoesNotExist() {
        assertThatThrownBy(() -> router.ingestBatch("{\"http:push:gauge-7\": {\"level\": 1}}",
                thing -> !thing.uid().equals(GAUGE))).isInstanceOfSatisfying(IngestException.class,
                        e -> assertThat(e.problems()).containsExactly("http:push:gauge-7: no such thing"));
        assertThat(documents).isEmpty();
    }

    @Test
    void thingsThatTakeNoDocumentsOrDoNotRunAreRefusedBeforeAnyParsing() throws Exception {
        assertThatThrownBy(() -> router.ingest(LAMP, "{}")).isInstanceOfSatisfying(IngestException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_ACCEPTED));
        when(things.getStatus(GAUGE)).thenReturn(ThingStatusInfo.of(ThingStatus.UNINITIALIZED));
        assertThatThrownBy(() -> router.ingest(GAUGE, "{\"level\": 1}")).isInstanceOfSatisfying(IngestException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NOT_RUNNING));
        assertThatThrownBy(() -> router.ingest(ThingUID.parse("http:push:unknown"), "{}"))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_THING));
        assertThat(documents).isEmpty();
        verify(states, never()).record(any(), any());
    }

    @Test
    void aBatchThatIsNotAnObjectOfDocumentsIsRefusedSayingWhere() {
        for (String bad : List.of("[1, 2]", "{}", "{\"a:b:c\": {\"level\": 1}} {}", "{\"a:b:c\": {\"level\": }")) {
            assertThatThrownBy(() -> router.ingestBatch(bad, thing -> true)).as(bad)
                    .isInstanceOfSatisfying(IngestException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_DOCUMENT);
                        assertThat(e.problems()).hasSize(1);
                    });
        }
        assertThatThrownBy(() -> router.ingestBatch("{\"a:b:c\": {\"level\": }", thing -> true))
                .hasMessageContaining("not valid JSON (line 1, column");
    }
}
