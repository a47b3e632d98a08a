package org.cityhub.core.internal.thing.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventTopics;

import org.cityhub.api.thing.DefinitionProblem;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.thing.ThingFixtures;
import org.cityhub.core.internal.thing.ThingManager;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThingFileWatcherTest {

    private static final ThingUID RIVER = ThingUID.parse("test:gauge:river");
    private static final ThingUID LAKE = ThingUID.parse("test:gauge:lake");

    @TempDir
    Path folder;

    private final ThingFixtures.MapTypes types = new ThingFixtures.MapTypes();
    private final ThingFixtures.RecordingBus bus = new ThingFixtures.RecordingBus();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final ThingFixtures.GatedGauges gauges = ThingFixtures.GatedGauges.stoppingAt(gate);
    private ThingManager manager;
    private ThingFileWatcher watcher;
    private int edits;

    @BeforeEach
    void start() throws Exception {
        types.put(ThingFixtures.GAUGE_TYPE);
        manager = new ThingManager(bus, types, new BindingErrors(), ThingFixtures.config(30));
        write("water.json", things(RIVER, LAKE));
    }

    @AfterEach
    void stop() {
        gate.countDown();
        watcher.stop();
        manager.stop();
    }

    /** Starts the watcher and waits for its first look. */
    private void watch() {
        watcher = new ThingFileWatcher(manager, types, config());
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.check().ready());
    }

    @Test
    void readsEveryFileAtStart() {
        watch();
        assertThat(watcher.check().detail()).isEqualTo("2 things from " + folder);
        assertThat(manager.get(RIVER)).isPresent();
        assertThat(manager.getSource(LAKE)).contains("water.json");
        assertThat(manager.getProblems()).isEmpty();
    }

    @Test
    void theFirstLookRunsBesideTheHubAndTellsHowFarItHasCome() {
        manager.addFactory(gauges, ThingFixtures.factoryReference("org.example.gauge"));
        manager.define(Thing.of(RIVER, "The river as it was", Map.of()), "water.json", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.getStatus(RIVER).status() == ThingStatus.ONLINE);

        // the file changes the river, whose old handler takes until the gate opens to stop
        watcher = new ThingFileWatcher(manager, types, config());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> watcher.check().detail().equals("starting: 0 of 2 things defined"));
        assertThat(watcher.check().ready()).isFalse();
        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.check().ready());
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.getStatus(LAKE).status() == ThingStatus.ONLINE);
        assertThat(manager.get(RIVER).orElseThrow().label()).isEqualTo("river");
    }

    @Test
    void aOneThingEditInALargeFileTouchesOnlyThatThing() throws Exception {
        gate.countDown();
        manager.addFactory(gauges, ThingFixtures.factoryReference("org.example.gauge"));
        List<ThingUID> city = IntStream.range(0, 2_000).mapToObj(i -> ThingUID.parse("test:gauge:g" + i)).toList();
        write("water.json", things(city.toArray(ThingUID[]::new)));
        watch();
        await().atMost(Duration.ofSeconds(30)).until(() -> city.stream()
                .allMatch(uid -> manager.getStatus(uid).status() == ThingStatus.ONLINE));
        int eventsBefore = bus.events.size();

        write("water.json", things(city.toArray(ThingUID[]::new)).replace("\"label\": \"g7\"", "\"label\": \"Lock 7\""));
        watcher.scan();

        assertThat(manager.get(city.get(7)).orElseThrow().label()).isEqualTo("Lock 7");
        // its new handler starts on the binding's threads, after scan() has returned
        await().atMost(Duration.ofSeconds(10)).until(() -> gauges.handlersMade.get(city.get(7)) == 2
                && manager.getStatus(city.get(7)).status() == ThingStatus.ONLINE);
        assertThat(gauges.handlersMade).hasSize(2_000);
        assertThat(gauges.handlersMade.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_001);
        assertThat(bus.events.subList(eventsBefore, bus.events.size()))
                .allSatisfy(event -> assertThat(event.topic()).contains(":g7/"))
                .extracting(Event::type).contains(EventTopics.TYPE_UPDATED).containsOnlyOnce(EventTopics.TYPE_UPDATED);
    }

    @Test
    void aChangedFileAddsAndRemovesThingsAndADeletedFileTakesItsThings() throws Exception {
        watch();
        write("water.json", things(RIVER));
        watcher.scan();
        assertThat(manager.get(LAKE)).isEmpty();

        Files.delete(folder.resolve("water.json"));
        watcher.scan();
        assertThat(manager.getAll()).isEmpty();
    }

    @Test
    void aBrokenFileIsReportedWithItsLineAndKeepsItsPreviousThings() throws Exception {
        watch();
        write("water.json", "{\"things\": [\n  {\"uid\": \"test:gauge:river\", \"label\": \"River\"},\n"
                + "  {\"uid\": \"test:gauge:lake\", \"label\": \"Lake\", \"configuration\": {\"depth\": 0}}\n]}");
        write("other.json", "{\"things\": [ {\"uid\": ");
        watcher.scan();

        assertThat(manager.get(LAKE)).isPresent();
        assertThat(manager.getProblems()).extracting(DefinitionProblem::file, DefinitionProblem::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("other.json", 1),
                        org.assertj.core.groups.Tuple.tuple("water.json", 3));
        assertThat(manager.getProblems().get(1).message())
                .isEqualTo("thing test:gauge:lake: parameter 'depth' = 0 is below its minimum 1");
        assertThat(manager.getProblems().get(0).message()).startsWith("not valid JSON");

        write("water.json", things(RIVER, LAKE));
        watcher.scan();
        assertThat(manager.getProblems()).extracting(DefinitionProblem::file).containsExactly("other.json");
    }

    @Test
    void aPipeOrAFolderNamedLikeAThingFileHoldsNothingUp() throws Exception {
        Files.createDirectory(folder.resolve("folder.json"));
        boolean pipe = new ProcessBuilder("mkfifo", folder.resolve("pipe.json").toString()).start().waitFor() == 0;
        Assumptions.assumeTrue(pipe, "mkfifo is not available here");

        watch(); // the first look would wait for a writer forever if it opened the pipe

        assertThat(manager.get(RIVER)).isPresent();
        assertThat(manager.getProblems()).isEmpty();
    }

    @Test
    void aUidDefinedByTwoFilesIsAProblemOfTheSecond() throws Exception {
        watch();
        write("more.json", things(RIVER));
        watcher.scan();

        assertThat(manager.getSource(RIVER)).contains("water.json");
        assertThat(manager.getProblems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("thing test:gauge:river is already defined by water.json"));
    }

    private void write(String name, String content) throws Exception {
        Path file = folder.resolve(name);
        Files.writeString(file, content);
        // a distinct modification time per edit, however fast the test runs
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++edits)));
    }

    private static String things(ThingUID... uids) {
        StringBuilder json = new StringBuilder("{\"things\": [");
        for (int i = 0; i < uids.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"uid\": \"").append(uids[i]).append("\", \"label\": \"")
                    .append(uids[i].id()).append("\"}");
        }
        return json.append("]}").toString();
    }

    private ThingFileWatcher.Config config() {
        return new ThingFileWatcher.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ThingFileWatcher.Config.class;
            }

            @Override
            public String thingsDirectory() {
                return folder.toString();
            }

            @Override
            public int pollSeconds() {
                return 3600; // the tests scan by hand
            }
        };
    }
}
