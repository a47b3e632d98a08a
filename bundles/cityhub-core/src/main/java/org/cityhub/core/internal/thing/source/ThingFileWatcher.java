package org.cityhub.core.internal.thing.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cityhub.api.config.ConfigValues;
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
 * (file, line, reason) and its previous things stay as they were; other files are not touched.
 */
@Component(immediate = true, configurationPid = "org.cityhub.things.files")
@Designate(ocd = ThingFileWatcher.Config.class)
public final class ThingFileWatcher {

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

    private static final Logger LOG = LoggerFactory.getLogger(ThingFileWatcher.class);

    private final ThingDefinitions definitions;
    private final ThingTypeRegistry types;
    private final Path folder;
    private final Map<String, Seen> seen = new HashMap<>(); // confined to the poller thread
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            new NamedThreadFactory("cityhub-thing-files"));

    @Activate
    public ThingFileWatcher(@Reference ThingDefinitions definitions, @Reference ThingTypeRegistry types, Config config) {
        this.definitions = definitions;
        this.types = types;
        this.folder = config.thingsDirectory().isBlank() ? Path.of(System.getProperty("karaf.etc", "etc"), "things")
                : Path.of(config.thingsDirectory());
        scan(); // the first look happens before the hub reports ready
        int poll = ConfigValues.atLeast("org.cityhub.things.files", "pollSeconds", config.pollSeconds(), 1, 2);
        poller.scheduleWithFixedDelay(this::scan, poll, poll, TimeUnit.SECONDS);
        LOG.info("watching thing files in {}", folder);
    }

    @Deactivate
    void stop() {
        poller.shutdownNow();
    }

    /** Looks at the folder once and applies what changed. */
    void scan() {
        try {
            Map<String, Path> files = list();
            for (String gone : new ArrayList<>(seen.keySet())) {
                if (!files.containsKey(gone)) {
                    seen.remove(gone).things().forEach(definitions::undefine);
                    definitions.reportProblems(gone, List.of());
                    LOG.info("thing file {} removed: its things are gone", gone);
                }
            }
            files.forEach(this::refresh);
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot read thing files in {}: {}", folder, e.toString());
        }
    }

    private Map<String, Path> list() throws IOException {
        Map<String, Path> files = new HashMap<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.json")) {
                stream.forEach(file -> files.put(file.getFileName().toString(), file));
            }
        }
        return files;
    }

    private void refresh(String name, Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return; // gone between listing and reading: the next look sees it
        }
        Seen previous = seen.get(name);
        long modified = attributes.lastModifiedTime().toMillis();
        if (previous != null && previous.modified() == modified && previous.size() == attributes.size()) {
            return;
        }
        ThingFileParser.Parsed parsed = ThingFileParser.parse(file, types);
        Set<ThingUID> before = previous == null ? Set.of() : previous.things();
        if (!parsed.problems().isEmpty()) {
            parsed.problems().forEach(p -> LOG.error("thing file {} line {}: {}; its previous things are kept", p.file(),
                    p.line(), p.message()));
            definitions.reportProblems(name, parsed.problems());
            seen.put(name, new Seen(modified, attributes.size(), before));
            return;
        }
        seen.put(name, new Seen(modified, attributes.size(), apply(name, parsed.things(), before)));
    }

    /** Defines the file's things and removes the ones it no longer has; returns the UIDs it now defines. */
    private Set<ThingUID> apply(String name, List<Thing> things, Set<ThingUID> before) {
        Set<ThingUID> now = new HashSet<>();
        List<DefinitionProblem> conflicts = new ArrayList<>();
        for (Thing thing : things) {
            try {
                definitions.define(thing, name, true);
                now.add(thing.uid());
            } catch (IllegalStateException e) {
                conflicts.add(new DefinitionProblem(name, 0, 0, e.getMessage()));
            }
        }
        before.stream().filter(uid -> !now.contains(uid)).forEach(definitions::undefine);
        definitions.reportProblems(name, conflicts);
        LOG.info("thing file {}: {} things", name, now.size());
        return now;
    }
}
