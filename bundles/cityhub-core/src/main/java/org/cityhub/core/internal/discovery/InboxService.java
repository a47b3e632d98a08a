package org.cityhub.core.internal.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.cityhub.api.config.ConfigValues;
import org.cityhub.api.discovery.DiscoveryListener;
import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.discovery.DiscoveryService;
import org.cityhub.api.discovery.Inbox;
import org.cityhub.api.discovery.InboxEntry;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException.Reason;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingQuery;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.NamedThreadFactory;
import org.cityhub.core.internal.storage.AtomicFile;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.core.internal.storage.StateDirectory;
import org.cityhub.json.DiscoveryJson;
import org.cityhub.json.Json;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The inbox: what the discovery services found and no thing has yet. Ignored entries are stored in
 * {@code state/inbox.json} so that a device an integrator ignored is not offered again after a restart.
 */
@Component(service = { Inbox.class, InboxService.class }, immediate = true, configurationPid = "org.cityhub.inbox")
@Designate(ocd = InboxService.Config.class)
public final class InboxService implements Inbox, DiscoveryListener {

    /** Typed configuration, PID {@code org.cityhub.inbox}. */
    @ObjectClassDefinition(name = "CityHub inbox", description = "Where ignored inbox entries are kept")
    public @interface Config {

        @AttributeDefinition(description = "The hub's state folder; empty for ${karaf.base}/state")
        String stateDirectory() default "";

        @AttributeDefinition(description = "Entries one binding (or one bridge) may have waiting; past it, its"
                + " oldest entry makes room", min = "1")
        int maxEntriesPerSource() default 1_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(InboxService.class);
    private static final int MAX_ENTRY_CHARACTERS = 64 * 1024;
    private static final int SCHEMA_VERSION = 1;
    private static final String SOURCE = "inbox";
    /** The property that keeps the UID a thing was discovered as, so that it is not offered again. */
    static final String DISCOVERED_AS = "discoveredAs";

    private final ManagedThings managed;
    private final ThingRegistry things;
    private final EventBus bus;
    private final Path file;
    private final Clock clock = Clock.systemUTC();
    private final int maxEntriesPerSource;
    private final Map<ThingUID, InboxEntry> entries = new ConcurrentHashMap<>();
    private final List<DiscoveryService> services = new CopyOnWriteArrayList<>();
    private final ExecutorService scans = Executors.newSingleThreadExecutor(new NamedThreadFactory("cityhub-discovery"));

    @Activate
    public InboxService(@Reference ManagedThings managed, @Reference ThingRegistry things, @Reference EventBus bus,
            @Reference DamagedFiles damaged, Config config) {
        this.managed = managed;
        this.things = things;
        this.bus = bus;
        this.file = StateDirectory.resolve(config.stateDirectory()).resolve("inbox.json");
        this.maxEntriesPerSource = ConfigValues.atLeast("org.cityhub.inbox", "maxEntriesPerSource",
                config.maxEntriesPerSource(), 1, 1_000);
        loadIgnored(damaged);
    }

    @Deactivate
    void stop() {
        scans.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDiscovery(DiscoveryService service) {
        services.add(service);
        scan(service);
    }

    void removeDiscovery(DiscoveryService service) {
        services.remove(service);
    }

    @Override
    public List<InboxEntry> getAll() {
        return entries.values().stream().sorted(Comparator.comparing(e -> e.result().thingUID().toString())).toList();
    }

    @Override
    public Optional<InboxEntry> get(ThingUID uid) {
        return Optional.ofNullable(entries.get(uid));
    }

    @Override
    public void discovered(DiscoveryResult result) {
        ThingUID uid = result.thingUID();
        if (isThingAlready(uid)) {
            return;
        }
        int size = Json.toText(DiscoveryJson.discoveryResult(result)).length();
        if (size > MAX_ENTRY_CHARACTERS) {
            // a device's announcement: it may be anything, and each entry is kept, stored and sent to every client
            LOG.warn("inbox: the discovery of {} is {} KiB, more than the {} KiB an entry may hold; not offered", uid,
                    size / 1024, MAX_ENTRY_CHARACTERS / 1024);
            return;
        }
        InboxEntry previous = entries.get(uid);
        InboxEntry entry = new InboxEntry(result, previous != null && previous.ignored(),
                previous == null ? clock.instant() : previous.discovered());
        if (previous == null) {
            makeRoomFor(result);
        }
        entries.put(uid, entry);
        if (previous == null) {
            publish(uid, EventTopics.TYPE_ADDED, DiscoveryJson.inboxEntry(entry));
        }
    }

    /**
     * Keeps one binding's (or bridge's) waiting entries within the cap, oldest out first, so that a device or a
     * broker announcing without end cannot fill the hub's memory.
     */
    private synchronized void makeRoomFor(DiscoveryResult result) {
        String source = source(result);
        List<InboxEntry> waiting = entries.values().stream()
                .filter(e -> !e.ignored() && source(e.result()).equals(source)).toList();
        if (waiting.size() < maxEntriesPerSource) {
            return;
        }
        InboxEntry oldest = waiting.stream().min(Comparator.comparing(InboxEntry::discovered)).orElseThrow();
        if (entries.remove(oldest.result().thingUID(), oldest)) {
            LOG.warn("inbox: {} has {} entries waiting, the most allowed; dropped its oldest, {}", source,
                    waiting.size(), oldest.result().thingUID());
            publish(oldest.result().thingUID(), EventTopics.TYPE_REMOVED, DiscoveryJson.inboxEntry(oldest));
        }
    }

    private static String source(DiscoveryResult result) {
        return result.bridgeUID() != null ? "bridge " + result.bridgeUID() : "binding " + result.thingUID().bindingId();
    }

    @Override
    public void vanished(ThingUID uid) {
        InboxEntry entry = entries.get(uid);
        if (entry != null && !entry.ignored() && entries.remove(uid, entry)) {
            publish(uid, EventTopics.TYPE_REMOVED, DiscoveryJson.inboxEntry(entry));
        }
    }

    @Override
    public synchronized Thing approve(ThingUID uid, @Nullable String newId, @Nullable String label,
            @Nullable String household) throws ThingChangeException {
        InboxEntry entry = entry(uid);
        DiscoveryResult result = entry.result();
        ThingUID thingUID;
        try {
            thingUID = newId == null || newId.isBlank() ? uid : new ThingUID(uid.thingTypeUID(), newId);
        } catch (IllegalArgumentException e) {
            throw new ThingChangeException(Reason.INVALID, e.getMessage());
        }
        Map<String, String> properties = new HashMap<>(result.properties());
        properties.put(DISCOVERED_AS, uid.toString());
        Thing thing;
        try {
            thing = new Thing(thingUID, label == null || label.isBlank() ? result.label() : label,
                    result.bridgeUID(), null, null, null, properties, result.configuration(), Set.of(), household);
        } catch (IllegalArgumentException e) {
            throw new ThingChangeException(Reason.INVALID, e.getMessage());
        }
        Thing added = managed.add(thing);
        drop(uid, entry);
        return added;
    }

    @Override
    public synchronized void ignore(ThingUID uid) throws ThingChangeException {
        InboxEntry entry = entry(uid);
        entries.put(uid, new InboxEntry(entry.result(), true, entry.discovered()));
        save();
    }

    /** The ignored entries' results, for backups. */
    public List<DiscoveryResult> ignored() {
        return getAll().stream().filter(InboxEntry::ignored).map(InboxEntry::result).toList();
    }

    /** Ignores a result again, as a restored backup asks; discovering it first if it is not in the inbox. */
    public synchronized void restoreIgnored(DiscoveryResult result) {
        InboxEntry entry = entries.get(result.thingUID());
        entries.put(result.thingUID(), new InboxEntry(result, true, entry == null ? clock.instant() : entry.discovered()));
        save();
    }

    @Override
    public synchronized void remove(ThingUID uid) throws ThingChangeException {
        drop(uid, entry(uid));
    }

    @Override
    public void scan() {
        services.forEach(this::scan);
    }

    private void scan(DiscoveryService service) {
        scans.execute(() -> {
            try {
                service.scan(this);
            } catch (RuntimeException e) {
                LOG.warn("discovery service {} failed to scan: {}", service.getClass().getName(), e.toString());
            }
        });
    }

    /** Whether the device is a thing already, under its discovered UID or another it was approved as. */
    private boolean isThingAlready(ThingUID uid) {
        String discoveredAs = uid.toString();
        // approved things keep their binding, so only the binding's things are looked at
        return things.get(uid).isPresent() || things.find(new ThingQuery(null, uid.bindingId(), null, null, null, null),
                t -> discoveredAs.equals(t.properties().get(DISCOVERED_AS)), 0, 1).total() > 0;
    }

    private InboxEntry entry(ThingUID uid) throws ThingChangeException {
        InboxEntry entry = entries.get(uid);
        if (entry == null) {
            throw new ThingChangeException(Reason.NOT_FOUND, "no inbox entry " + uid);
        }
        return entry;
    }

    private void drop(ThingUID uid, InboxEntry entry) {
        entries.remove(uid);
        if (entry.ignored()) {
            save();
        }
        publish(uid, EventTopics.TYPE_REMOVED, DiscoveryJson.inboxEntry(entry));
    }

    private void publish(ThingUID uid, String type, ObjectNode payload) {
        bus.publish(EventTopics.inbox(uid, type), type, Json.toText(payload), SOURCE);
    }

    private void loadIgnored(DamagedFiles damaged) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode root = Json.parse(file.toFile());
            for (JsonNode node : root.path("ignored")) {
                DiscoveryResult result = DiscoveryJson.parseDiscoveryResult(node);
                entries.put(result.thingUID(), new InboxEntry(result, true, clock.instant()));
            }
        } catch (IOException | IllegalArgumentException e) {
            entries.clear();
            damaged.setAside(file, String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable"),
                    "which discoveries were ignored: they are offered in the inbox again");
        }
    }

    private void save() {
        ObjectNode root = Json.object().put("schemaVersion", SCHEMA_VERSION);
        ArrayNode ignored = root.putArray("ignored");
        entries.values().stream().filter(InboxEntry::ignored).forEach(e -> ignored.add(DiscoveryJson.discoveryResult(e.result())));
        try {
            AtomicFile.write(file, Json.toText(root).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.error("ignored inbox entries could not be stored in {}: {}", file, e.toString());
        }
    }
}
