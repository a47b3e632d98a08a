package org.cityhub.core.internal.thing.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.ThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.core.internal.thing.ThingFixtures;
import org.cityhub.core.internal.thing.ThingManager;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 10: a change to a managed thing never holds its caller behind a binding that is slow to stop;
 * it returns after a bounded wait, stored, and takes effect when the binding answers.
 */
class SlowBindingChangeTest {

    private static final ThingUID POND = ThingUID.parse("test:gauge:pond");

    @TempDir
    Path state;

    private final CountDownLatch release = new CountDownLatch(1);
    private ThingManager manager;
    private ManagedThingService managed;

    @BeforeEach
    void start() throws Exception {
        ThingFixtures.MapTypes types = new ThingFixtures.MapTypes();
        types.put(ThingFixtures.GAUGE_TYPE);
        manager = new ThingManager(new ThingFixtures.RecordingBus(), types, new BindingErrors(), ThingFixtures.config(30));
        managed = new ManagedThingService(manager, types, new DamagedFiles(), ManagedThingServiceTest.config(state));
        manager.addFactory(new LingeringFactory(), ThingFixtures.factoryReference("org.example.lingering"));
    }

    @AfterEach
    void stop() {
        release.countDown();
        manager.stop();
    }

    @Test
    void anUpdateReturnsAfterABoundedWaitAndTakesEffectWhenTheBindingAnswers() throws Exception {
        managed.add(Thing.of(POND, "Pond", Map.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.getStatus(POND).status() == ThingStatus.ONLINE);

        long started = System.nanoTime();
        managed.update(Thing.of(POND, "Pond (renamed)", Map.of()));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(ManagedThingService.PATIENCE).isLessThan(Duration.ofSeconds(10));
        assertThat(managed.isChanging(POND)).as("the old handler has not stopped yet").isTrue();
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> !managed.isChanging(POND));
        assertThat(manager.get(POND).orElseThrow().label()).isEqualTo("Pond (renamed)");
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.getStatus(POND).status() == ThingStatus.ONLINE);
    }


    /** Handlers that go online at once and take until released to stop. */
    private final class LingeringFactory implements ThingHandlerFactory {

        @Override
        public boolean supportsThingType(ThingTypeUID type) {
            return type.equals(POND.thingTypeUID());
        }

        @Override
        public ThingHandler createHandler(Thing thing, ThingHandlerCallback callback) {
            return new BaseThingHandler(thing, callback) {
                @Override
                public void initialize() {
                    updateStatus(ThingStatus.ONLINE);
                }

                @Override
                public void handleCommand(ChannelUID channel, Command command) {
                    // no channels are commanded here
                }

                @Override
                public void dispose() {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
        }
    }
}
