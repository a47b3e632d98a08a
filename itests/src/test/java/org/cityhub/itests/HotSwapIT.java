package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.streamBundle;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.binding.ThingHandlerFactory;
import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.itests.HubClient.Answer;
import org.cityhub.itests.ticker.TickerActivator;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.tinybundles.InnerClassStrategy;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

import com.fasterxml.jackson.databind.JsonNode;

/** Bindings updated, removed and installed while the hub runs: what their things see, and what nobody else sees. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT extends HubTestSupport {

    private static final String SIMULATOR_BUNDLE = "org.cityhub.binding.simulator";

    @Inject
    private ThingRegistry things;

    @Inject
    private EventBus bus;

    @Inject
    private BundleContext context;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options(streamBundle(TinyBundles.bundle().symbolicName("org.cityhub.itests.ticker")
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.IMPORT_PACKAGE, "org.cityhub.api.binding,org.cityhub.api.thing,"
                        + "org.cityhub.api.types,org.osgi.framework")
                .activator(TickerActivator.class).addClass(TickerActivator.class, InnerClassStrategy.ALL)
                .addResource("CITYHUB-INF/thing-types/ticker.json", HotSwapIT.class.getResource("/ticker/ticker.json"))
                .build(TinyBundles.rawBuilder())));
    }

    @Test
    public void anUpdateRestartsOnlyTheBindingsThingsKeepingTheirStatesAndTouchesNoOtherBundle() throws Exception {
        awaitSimulatorOnline();
        await("a state to keep").atMost(PATIENCE).until(() -> !state("simulator:airquality:westlake-01", "pm25").isEmpty());
        List<String> otherBundleEvents = new CopyOnWriteArrayList<>();
        BundleListener listener = event -> {
            if (!SIMULATOR_BUNDLE.equals(event.getBundle().getSymbolicName())) {
                otherBundleEvents.add(event.getBundle().getSymbolicName() + " " + event.getType());
            }
        };
        context.addBundleListener(listener);
        try (HubClient.SseRecorder stream = hub.record("?topics=cityhub/%23")) {
            Answer updated = hub.postJson("/bindings/simulator/update", "");
            assertThat(updated.status()).isEqualTo(200);
            assertThat(updated.body().get("updating").asBoolean()).isFalse();
            awaitSimulatorOnline();
            await("the stream carries on after the update").atMost(PATIENCE).until(() -> stream.frames.stream()
                    .dropWhile(f -> !f.event().equals("updated") || !f.data().contains("\"binding\":\"simulator\""))
                    .anyMatch(f -> f.event().equals("state")));
        } finally {
            context.removeBundleListener(listener);
        }
        assertThat(otherBundleEvents).isEmpty();
        assertThat(state("simulator:airquality:westlake-01", "pm25")).isNotEmpty();
        assertThat(things.getAll()).hasSizeGreaterThanOrEqualTo(15);
    }

    /** docs/operations.md, "Roll back": an update to another location, and back to the previous one. */
    @Test
    public void anUpdateToANewLocationAndBackRollsTheBindingBackAndABrokenLocationChangesNothing() throws Exception {
        awaitSimulatorOnline();
        Bundle simulator = simulatorBundle();
        String original = simulator.getLocation();
        String originalVersion = simulator.getVersion().toString();
        Path next = Path.of(System.getProperty("karaf.data"), "tmp", "simulator-next.jar");
        rebuildWithVersion(original, "0.9.0.next", next);

        Answer updated = hub.postJson("/bindings/simulator/update", "{\"location\": \"" + next.toUri() + "\"}");
        assertThat(updated.status()).as(updated.body().toString()).isEqualTo(200);
        assertThat(updated.body().get("version").asText()).isEqualTo("0.9.0.next");
        awaitSimulatorOnline();
        assertThat(simulatorBundle().getVersion().toString()).isEqualTo("0.9.0.next"); // same bundle, new revision

        Answer broken = hub.postJson("/bindings/simulator/update", "{\"location\": \"file:/nowhere/simulator.jar\"}");
        assertThat(broken.status()).isBetween(400, 599);
        assertThat(broken.body().get("detail").asText()).contains("/nowhere/simulator.jar");
        assertThat(hub.get("/bindings/simulator").body().get("version").asText()).isEqualTo("0.9.0.next");
        awaitSimulatorOnline();

        Answer rolledBack = hub.postJson("/bindings/simulator/update", "{\"location\": \"" + original + "\"}");
        assertThat(rolledBack.status()).as(rolledBack.body().toString()).isEqualTo(200);
        assertThat(rolledBack.body().get("version").asText()).isEqualTo(originalVersion);
        awaitSimulatorOnline();
        assertThat(simulatorBundle().getVersion().toString()).isEqualTo(originalVersion);
    }

    /** A copy of the bundle at the location, with another Bundle-Version: what a vendor's next release is. */
    private static void rebuildWithVersion(String location, String version, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        try (JarInputStream in = new JarInputStream(new URL(location).openStream())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue(Constants.BUNDLE_VERSION, version);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    private Bundle simulatorBundle() {
        return Arrays.stream(context.getBundles()).filter(b -> SIMULATOR_BUNDLE.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
    }

    @Test
    public void aBindingIsUninstalledAndInstalledThroughRestAndTheConsole() throws Exception {
        awaitSimulatorOnline();
        assertThat(hub.get("/bindings/simulator").body().get("thingsHandled").asInt()).isEqualTo(15);

        assertThat(hub.delete("/bindings/simulator").status()).isEqualTo(204);
        await("things wait for their binding").atMost(PATIENCE).until(() -> simulatorThings().stream()
                .allMatch(t -> things.getStatus(t.uid()).status() == ThingStatus.UNINITIALIZED));
        assertThat(things.getStatus(ThingUID.parse("simulator:traffic:ring-road-north")).detail())
                .isEqualTo(ThingStatusDetail.HANDLER_MISSING);
        assertThat(hub.get("/bindings/simulator").status()).isEqualTo(404);

        Answer installed = hub.postJson("/bindings", "{\"feature\": \"cityhub-binding-simulator\"}");
        assertThat(installed.status()).isEqualTo(201);
        awaitSimulatorOnline();

        assertThat(hub.postJson("/bindings", "{\"feature\": \"cityhub-binding-nowhere\"}").body().get("detail").asText())
                .contains("no feature cityhub-binding-nowhere").contains("cityhub-binding-simulator");
        assertThat(hub.postJson("/bindings", "{\"location\": \"mvn:org.hamcrest/hamcrest/2.2\"}").status())
                .isEqualTo(400);
        assertThat(ConsoleSession.execute(sessions, "cityhub:bindings")).contains("simulator").contains("ticker");
        assertThat(ConsoleSession.execute(sessions, "cityhub:binding-update simulator")).contains("updated binding simulator");
        awaitSimulatorOnline();
    }

    @Test
    public void fiftyUpdatesLeaveNoOldRevisionNoThreadAndNoLostEventOfAnotherBinding() throws Exception {
        assertThat(hub.postJson("/things", "{\"uid\": \"ticker:counter:c1\", \"label\": \"Ticker\"}").status())
                .isIn(201, 409);
        awaitSimulatorOnline();
        List<Double> counts = new CopyOnWriteArrayList<>();
        List<MissedEvents> missed = new CopyOnWriteArrayList<>();
        Subscription ticks = bus.subscribe(TopicFilter.of("cityhub/things/ticker:counter:c1/channels/count/state"),
                new EventSubscriber() {
                    @Override
                    public void onEvent(Event event) {
                        counts.add(HubClient.parse(event.payload()).at("/state/value").asDouble());
                    }

                    @Override
                    public void onMissed(MissedEvents notice) {
                        missed.add(notice);
                    }
                }, SubscriptionOptions.named("ticks").withQueue(1_000_000, OverflowPolicy.DROP_NEWEST));
        int threadsBefore = Thread.activeCount();
        Set<Integer> commandAnswers = ConcurrentHashMap.newKeySet();
        List<String> retryAfters = new CopyOnWriteArrayList<>();
        AtomicBoolean updating = new AtomicBoolean(true);
        ExecutorService commander = Executors.newSingleThreadExecutor();
        Future<?> commands = commander.submit(() -> {
            while (updating.get()) {
                Answer answer = hub.postJson("/things/simulator:streetlight:harbour-2/channels/power/command",
                        "{\"command\": \"ON\"}");
                commandAnswers.add(answer.status());
                if (answer.status() == 503) {
                    retryAfters.add(String.valueOf(answer.header("Retry-After")));
                }
            }
        });
        List<WeakReference<ClassLoader>> oldRevisions = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                oldRevisions.add(new WeakReference<>(simulatorFactoryClassLoader()));
                assertThat(hub.postJson("/bindings/simulator/update", "").status()).isEqualTo(200);
            }
        } finally {
            updating.set(false);
            commander.shutdown();
        }
        commands.get(PATIENCE.toSeconds(), TimeUnit.SECONDS); // a failure of the commanding thread surfaces here
        awaitSimulatorOnline();
        ticks.close();

        assertThat(missed).isEmpty();
        for (int i = 1; i < counts.size(); i++) {
            assertThat(counts.get(i)).as("tick %d follows tick %d", i, i - 1).isEqualTo(counts.get(i - 1) + 1);
        }
        assertThat(counts.size()).isGreaterThan(100);
        assertThat(commandAnswers).isSubsetOf(202, 503, 409);
        assertThat(retryAfters).as("every 503 says when to retry").allMatch("2"::equals);
        await("old revisions collected").atMost(PATIENCE).until(() -> {
            System.gc();
            return oldRevisions.stream().allMatch(ref -> ref.get() == null);
        });
        assertThat(simulatorThreads()).isLessThanOrEqualTo(4);
        assertThat(context.getServiceReferences(ThingHandlerFactory.class, null).stream()
                .filter(r -> r.getBundle() != null && SIMULATOR_BUNDLE.equals(r.getBundle().getSymbolicName())))
                .as("factory services of the simulator").hasSize(1);
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 10);
    }

    private ClassLoader simulatorFactoryClassLoader() throws Exception {
        for (ServiceReference<ThingHandlerFactory> reference : context.getServiceReferences(ThingHandlerFactory.class, null)) {
            Bundle bundle = reference.getBundle();
            if (bundle != null && SIMULATOR_BUNDLE.equals(bundle.getSymbolicName())) {
                ThingHandlerFactory factory = context.getService(reference);
                try {
                    return factory.getClass().getClassLoader();
                } finally {
                    context.ungetService(reference);
                }
            }
        }
        throw new AssertionError("the simulator's factory is not registered");
    }

    private static long simulatorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("cityhub-binding-" + SIMULATOR_BUNDLE)).count();
    }

    private void awaitSimulatorOnline() {
        await("simulator things ONLINE").atMost(PATIENCE).until(() -> simulatorThings().size() >= 15
                && simulatorThings().stream().allMatch(t -> things.getStatus(t.uid()).status() == ThingStatus.ONLINE));
    }

    private List<Thing> simulatorThings() {
        return things.getAll().stream().filter(t -> t.uid().bindingId().equals("simulator")).toList();
    }

    private String state(String uid, String channel) {
        JsonNode thing = hub.get("/things/" + uid).body();
        return thing.at("/states/" + channel + "/type").asText();
    }
}
