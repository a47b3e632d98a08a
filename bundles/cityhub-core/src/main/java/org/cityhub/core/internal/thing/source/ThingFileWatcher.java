package org.cityhub.core.internal.thing.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;

import org.apache.karaf.features.BootFinished;
import org.cityhub.api.config.ConfigValues;
import org.cityhub.api.health.HealthCheck;
import org.cityhub.api.health.HealthIndicator;
import org.cityhub.api.thing.DefinitionProblem;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.NamedThreadFactory;
import org.cityhub.core.internal.thing.ThingDefinitions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the things of the thing files in step with the files: looks at the folder every few seconds, and for a
 * file that appeared, changed or went, defines, redefines or removes its things. A file with an error is reported
 * (file, line, reason) and its previous things stay as they were; other files are not touched. The watcher starts
 * once Karaf's boot features are in, so that loading a large city never competes with the start of the API, and
 * its first look runs on its own thread, so the hub answers while the city loads; until it has finished, its
 * health check is not ready and tells how far it has come.
 */
@Component(service = HealthIndicator.class, immediate = true, configurationPid = "org.cityhub.things.files",
        reference = @Reference(name = "bootFinished", service = BootFinished.class))
@Designate(ocd = ThingFileWatcher.Config.class)
public final class ThingFileWatcher implements HealthIndicator {

    /** Typed configuration, PID {@code org.cityhub.things.files}. */
    @ObjectClassDefinition(name = "CityHub thing files", description = "Where thing files are read from")
    public @interface Config {

        @AttributeDefinition(description = "Folder of thing files (*.json); empty for ${karaf.etc}/things")
        String thingsDirectory() default "";

        @AttributeDefinition(description = "Seconds between two looks at the folder", min = "1")
        int pollSeconds() default 2;
    }

    private record Seen(long modified, long size, Set<ThingUID> things) {
    }

    /** A changed file, read. */
    private record Changed(String name, long modified, long size, ThingFileParser.Parsed parsed, long readMillis) {
    }

    /**
     * How far the first look has come: how many of the things read so far have been applied; {@code total} is -1
     * while the files are still being read.
     */
    private record Progress(boolean firstLookDone, int applied, int total) {

        Progress applied(int now, int of) {
            return new Progress(firstLookDone, now, of);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ThingFileWatcher.class);

    private final ThingDefinitions definitions;
    private final ThingTypeRegistry types;
    private final Path folder;
    private final Map<String, Seen> seen = new HashMap<>(); // confined to the poller thread
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            new NamedThreadFactory("cityhub-thing-files"));
    private volatile Progress progress = new Progress(false, 0, -1);
    private volatile int definedThings;

    @Activate
    public ThingFileWatcher(@Reference ThingDefinitions definitions, @Reference ThingTypeRegistry types, Config config) {
        this.definitions = definitions;
        this.types = types;
        this.folder = config.thingsDirectory().isBlank() ? Path.of(System.getProperty("karaf.etc", "etc"), "things")
                : Path.of(config.thingsDirectory());
        int poll = ConfigValues.atLeast("org.cityhub.things.files", "pollSeconds", config.pollSeconds(), 1, 2);
        poller.execute(this::firstLook);
        poller.scheduleWithFixedDelay(this::scan, poll, poll, TimeUnit.SECONDS);
        LOG.info("watching thing files in {}", folder);
    }

    @Deactivate
    void stop() {
        poller.shutdownNow();
    }

    @Override
    public HealthCheck check() {
        Progress now = progress;
        if (now.firstLookDone()) {
            return new HealthCheck("thing-files", true, String.format(Locale.ROOT, "%,d things from %s", definedThings,
                    folder));
        }
        return new HealthCheck("thing-files", false, now.total() < 0 ? "starting: reading thing files"
                : String.format(Locale.ROOT, "starting: %,d of %,d things defined", now.applied(), now.total()));
    }

    private void firstLook() {
        long start = System.nanoTime();
        scan();
        progress = new Progress(true, definedThings, definedThings);
        LOG.info("thing files read: {} things from {} files in {} ms", definedThings, seen.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Looks at the folder once and applies what changed: files that went first, then the changed ones. */
    void scan() {
        try {
            Map<String, Path> files = list();
            for (String gone : new ArrayList<>(seen.keySet())) {
                if (!files.containsKey(gone)) {
                    definitions.apply(gone, List.of(), seen.remove(gone).things(), applied -> { });
                    definitions.reportProblems(gone, List.of());
                    LOG.info("thing file {} removed: its things are gone", gone);
                }
            }
            List<Changed> changed = files.entrySet().stream().map(file -> read(file.getKey(), file.getValue()))
                    .flatMap(Optional::stream).toList();
            int total = changed.stream().mapToInt(file -> file.parsed().things().size()).sum();
            int done = 0;
            for (Changed file : changed) {
                int offset = done;
                progress = progress.applied(offset, total);
                refresh(file, applied -> progress = progress.applied(offset + applied, total));
                done += file.parsed().things().size();
            }
            definedThings = seen.values().stream().mapToInt(file -> file.things().size()).sum();
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot read thing files in {}: {}", folder, e.toString());
        }
    }

    /** The folder's thing files by name, in name order: the order in which they are applied. */
    private Map<String, Path> list() throws IOException {
        Map<String, Path> files = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.json")) {
                stream.forEach(file -> files.put(file.getFileName().toString(), file));
            }
        }
        return files;
    }

    /** The file, read, if it is new or changed since the last look. */
    private Optional<Changed> read(String name, Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return Optional.empty(); // gone between listing and reading: the next look sees it
        }
        if (!attributes.isRegularFile()) {
            return Optional.empty(); // a folder or a pipe named *.json: reading a pipe would hold the watcher for good
        }
        Seen previous = seen.get(name);
        long modified = attributes.lastModifiedTime().toMillis();
        if (previous != null && previous.modified() == modified && previous.size() == attributes.size()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        ThingFileParser.Parsed parsed = ThingFileParser.parse(file, types);
        return Optional.of(new Changed(name, modified, attributes.size(), parsed, (System.nanoTime() - start) / 1_000_000));
    }

    private void refresh(Changed file, IntConsumer applied) {
        String name = file.name();
        Seen previous = seen.get(name);
        Set<ThingUID> before = previous == null ? Set.of() : previous.things();
        List<DefinitionProblem> problems = file.parsed().problems();
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.error("thing file {} line {}: {}; its previous things are kept", p.file(),
                    p.line(), p.message()));
            definitions.reportProblems(name, problems);
            seen.put(name, new Seen(file.modified(), file.size(), before));
            return;
        }
        seen.put(name, new Seen(file.modified(), file.size(), apply(file, before, applied)));
    }

    /** Defines the file's things and removes the ones it no longer has; returns the UIDs it now defines. */
    private Set<ThingUID> apply(Changed file, Set<ThingUID> before, IntConsumer applied) {
        String name = file.name();
        List<Thing> things = file.parsed().things();
        Set<ThingUID> listed = things.stream().map(Thing::uid).collect(Collectors.toSet());
        List<ThingUID> gone = before.stream().filter(uid -> !listed.contains(uid)).toList();
        long start = System.nanoTime();
        ThingDefinitions.Applied result = definitions.apply(name, things, gone, applied);
        definitions.reportProblems(name, result.conflicts().stream()
                .map(conflict -> new DefinitionProblem(name, 0, 0, conflict)).toList());
        LOG.info("thing file {}: {} things ({} new or changed, {} removed); read in {} ms, applied in {} ms", name,
                result.defined().size(), result.changed(), result.removed(), file.readMillis(),
                (System.nanoTime() - start) / 1_000_000);
        return result.defined();
    }
}
