package org.cityhub.core.internal.thing.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException.Reason;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.thing.ThingFixtures;
import org.cityhub.core.internal.thing.ThingManager;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedThingServiceTest {

    private static final ThingUID POND = ThingUID.parse("test:gauge:pond");

    @TempDir
    Path state;

    private final ThingFixtures.MapTypes types = new ThingFixtures.MapTypes();
    private final DamagedFiles damaged = new DamagedFiles();
    private ThingManager manager;
    private ManagedThingService managed;

    @BeforeEach
    void start() throws Exception {
        types.put(ThingFixtures.GAUGE_TYPE);
        restart();
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    private void restart() throws Exception {
        if (manager != null) {
            manager.stop();
        }
        manager = new ThingManager(new ThingFixtures.RecordingBus(), types, new BindingErrors(), ThingFixtures.config(1));
        managed = new ManagedThingService(manager, types, damaged, config());
    }

    @Test
    void aManagedThingSurvivesARestartWithItsConfigurationAndEnabledFlag() throws Exception {
        managed.add(Thing.of(POND, "Pond", Map.of("depth", new BigDecimal("4"))));
        managed.setEnabled(POND, false);

        restart();

        assertThat(manager.get(POND)).map(Thing::configuration).contains(Map.of("depth", new BigDecimal("4")));
        assertThat(manager.getSource(POND)).contains("managed");
        assertThat(manager.getStatus(POND).detail()).isEqualTo(ThingStatusDetail.DISABLED);
        try (var files = Files.list(state.resolve("things"))) {
            assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("test.gauge.pond.json");
        }
    }

    @Test
    void aDamagedThingFileIsSetAsideAndTheOthersLoad() throws Exception {
        ThingUID lake = ThingUID.parse("test:gauge:lake");
        managed.add(Thing.of(POND, "Pond", Map.of()));
        managed.add(Thing.of(lake, "Lake", Map.of()));
        Path pondFile = state.resolve("things").resolve("test.gauge.pond.json");
        Files.writeString(pondFile, Files.readString(pondFile).substring(0, 30));

        restart();

        assertThat(manager.get(lake)).isPresent();
        assertThat(manager.get(POND)).isEmpty();
        assertThat(pondFile).doesNotExist();
        assertThat(damaged.damages()).singleElement().satisfies(damage -> {
            assertThat(damage.file()).isEqualTo(pondFile);
            assertThat(damage.setAside()).exists();
            assertThat(damage.lost()).contains("the managed thing it defined");
        });
    }

    @Test
    void updatesAndRemovalsAreStored() throws Exception {
        managed.add(Thing.of(POND, "Pond", Map.of()));
        managed.update(Thing.of(POND, "Village pond", Map.of()));
        restart();
        assertThat(manager.get(POND)).map(Thing::label).contains("Village pond");

        managed.remove(POND);
        restart();
        assertThat(manager.get(POND)).isEmpty();
    }

    @Test
    void anInvalidDefinitionIsRefusedWithEveryViolationAndNothingIsStored() {
        assertThatThrownBy(() -> managed.add(Thing.of(POND, "Pond", Map.of("depth", "deep", "colour", "green"))))
                .isInstanceOfSatisfying(ThingChangeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INVALID);
                    assertThat(e.violations()).hasSize(2);
                });
        assertThat(manager.get(POND)).isEmpty();
        assertThat(Files.exists(state.resolve("things"))).isFalse();
    }

    @Test
    void fileDefinedThingsAreReadOnlyAndUidsUnique() throws Exception {
        manager.define(Thing.of(POND, "Pond", Map.of()), "water.json", true);

        assertReason(() -> managed.update(Thing.of(POND, "x", Map.of())), Reason.READ_ONLY, "water.json");
        assertReason(() -> managed.remove(POND), Reason.READ_ONLY, "change that file instead");
        assertReason(() -> managed.add(Thing.of(POND, "x", Map.of())), Reason.ALREADY_EXISTS, "thing file water.json");
        assertReason(() -> managed.setEnabled(ThingUID.parse("test:gauge:none"), true), Reason.NOT_FOUND, "no thing");
    }

    private static void assertReason(ThrowingCall call, Reason reason, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ThingChangeException.class,
                e -> assertThat(e.reason()).isEqualTo(reason)).hasMessageContaining(message);
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private ManagedThingService.Config config() {
        return config(state);
    }

    static ManagedThingService.Config config(Path state) {
        return new ManagedThingService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ManagedThingService.Config.class;
            }

            @Override
            public String stateDirectory() {
                return state.toString();
            }
        };
    }
}
