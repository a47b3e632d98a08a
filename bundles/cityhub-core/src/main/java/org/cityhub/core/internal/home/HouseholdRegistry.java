package org.cityhub.core.internal.home;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.home.Household;
import org.cityhub.api.home.HouseholdDraft;
import org.cityhub.api.home.HouseholdException;
import org.cityhub.api.home.HouseholdException.Reason;
import org.cityhub.api.home.Households;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.core.internal.storage.AtomicFile;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.core.internal.storage.StateDirectory;
import org.cityhub.json.HomeJson;
import org.cityhub.json.Json;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hub's households, kept in {@code state/households.json}. Readers get an immutable map that a change replaces
 * whole. The grants and tokens that name a household hear of its removal synchronously, before {@link #remove}
 * returns, so that a household made again under the same id starts with no consent and no resident.
 */
@Component(service = { Households.class, HouseholdRegistry.class }, immediate = true,
        configurationPid = "org.cityhub.households")
@Designate(ocd = HouseholdRegistry.Config.class)
public final class HouseholdRegistry implements Households {

    /** Typed configuration, PID {@code org.cityhub.households}. */
    @ObjectClassDefinition(name = "CityHub households", description = "Where the homes' households are kept")
    public @interface Config {

        @AttributeDefinition(description = "The hub's state folder; empty for ${karaf.base}/state")
        String stateDirectory() default "";
    }

    static final int SCHEMA_VERSION = 1;
    private static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");

    private final EventBus bus;
    private final ThingRegistry things;
    private final Path file;
    private final Clock clock;
    private final List<Consumer<String>> removalListeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, Household> byId;

    @Activate
    public HouseholdRegistry(@Reference EventBus bus, @Reference ThingRegistry things,
            @Reference DamagedFiles damaged, Config config) {
        this(bus, things, damaged, StateDirectory.resolve(config.stateDirectory()).resolve("households.json"),
                Clock.systemUTC());
    }

    /** For tests: the households in this file, on this clock. */
    public HouseholdRegistry(EventBus bus, ThingRegistry things, DamagedFiles damaged, Path file, Clock clock) {
        this.bus = bus;
        this.things = things;
        this.file = file;
        this.clock = clock;
        this.byId = load(damaged);
    }

    /**
     * Calls this with a household's id when it is removed, before {@link #remove} returns; whoever keeps what
     * names households (consents, residents' tokens) ends it there.
     *
     * @return what stops the calls
     */
    public Runnable onRemoval(Consumer<String> listener) {
        removalListeners.add(listener);
        return () -> removalListeners.remove(listener);
    }

    @Override
    public List<Household> list() {
        return List.copyOf(byId.values());
    }

    @Override
    public Optional<Household> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Household put(HouseholdDraft draft, String actor) throws HouseholdException {
        check(draft);
        Household household;
        String type;
        synchronized (this) {
            Household existing = byId.get(draft.id());
            if (existing != null && !existing.office().equals(draft.office())) {
                throw new HouseholdException(Reason.CONFLICT, "household '" + draft.id() + "' is kept by office '"
                        + existing.office() + "', not '" + draft.office() + "'; a household changes office only by"
                        + " being removed and made again");
            }
            household = new Household(draft.id(), draft.label().strip(), draft.address().strip(),
                    draft.district().strip(), draft.office(), existing == null ? clock.instant() : existing.created(),
                    existing == null ? actor : existing.createdBy());
            if (household.equals(existing)) {
                return existing;
            }
            Map<String, Household> next = new TreeMap<>(byId);
            next.put(household.id(), household);
            store(next);
            type = existing == null ? EventTopics.TYPE_ADDED : EventTopics.TYPE_UPDATED;
        }
        publish(household, type);
        return household;
    }

    @Override
    public void remove(String id, String actor) throws HouseholdException {
        Household removed;
        synchronized (this) {
            removed = get(id).orElseThrow(() -> new HouseholdException(Reason.NOT_FOUND, "no household '" + id
                    + "'"));
            List<String> owned = things.getAll().stream().filter(thing -> id.equals(thing.household()))
                    .map(thing -> thing.uid().toString()).sorted().limit(5).toList();
            if (!owned.isEmpty()) {
                throw new HouseholdException(Reason.CONFLICT, "household '" + id + "' still owns things (" + String
                        .join(", ", owned) + (owned.size() == 5 ? ", …" : "") + "): remove them or give them to"
                        + " another household first");
            }
            Map<String, Household> next = new TreeMap<>(byId);
            next.remove(id);
            store(next);
        }
        removalListeners.forEach(listener -> listener.accept(id));
        publish(removed, EventTopics.TYPE_REMOVED);
    }

    /**
     * Restores a backed-up household as it was, if the hub has none of its id.
     *
     * @return whether it was restored; false if the hub has a household of that id, which stays as it is
     * @throws HouseholdException if it is not valid or the households could not be stored
     */
    public boolean restore(Household household) throws HouseholdException {
        check(new HouseholdDraft(household.id(), household.label(), household.address(), household.district(),
                household.office()));
        synchronized (this) {
            if (byId.containsKey(household.id())) {
                return false;
            }
            Map<String, Household> next = new TreeMap<>(byId);
            next.put(household.id(), household);
            store(next);
        }
        publish(household, EventTopics.TYPE_ADDED);
        return true;
    }

    private static void check(HouseholdDraft draft) throws HouseholdException {
        if (!ID.matcher(draft.id()).matches()) {
            throw invalid("household id '" + draft.id() + "' is not valid: use 1 to 64 lower-case letters, digits and"
                    + " '-'");
        }
        if (!ID.matcher(draft.office()).matches()) {
            throw invalid("office '" + draft.office() + "' is not a department: use lower-case letters, digits and"
                    + " '-'");
        }
        requireText("label", draft.label(), 200);
        requireText("address", draft.address(), 500);
        requireText("district", draft.district(), 100);
    }

    private static void requireText(String field, String value, int maxLength) throws HouseholdException {
        if (value.isBlank() || value.length() > maxLength) {
            throw invalid("a household's '" + field + "' has 1 to " + maxLength + " characters");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) || c == '\uFFFD')) {
            throw invalid("a household's '" + field + "' holds a control character or an undecodable byte"
                    + " (U+FFFD); send UTF-8 text");
        }
    }

    private static HouseholdException invalid(String message) {
        return new HouseholdException(Reason.INVALID, message);
    }

    private void store(Map<String, Household> next) throws HouseholdException {
        ObjectNode root = Json.object().put("schemaVersion", SCHEMA_VERSION);
        next.values().forEach(household -> root.withArray("households").add(HomeJson.household(household)));
        try {
            AtomicFile.write(file, Json.toPrettyText(root).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HouseholdException(Reason.STORAGE_FAILED, "the households could not be stored in " + file
                    + ": " + e);
        }
        byId = Collections.unmodifiableMap(new TreeMap<>(next));
    }

    private void publish(Household household, String type) {
        bus.publish(EventTopics.household(household.id(), type), type, Json.toText(HomeJson.household(household)),
                "households", household.office());
    }

    /** Reads the households; a damaged file is set aside and a damaged entry skipped, never the hub stopped. */
    private Map<String, Household> load(DamagedFiles damaged) {
        Map<String, Household> loaded = new TreeMap<>();
        if (!Files.exists(file)) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = Json.parse(file.toFile());
            if (root == null || root.path("schemaVersion").asInt() != SCHEMA_VERSION) {
                throw new IOException("not {\"schemaVersion\": " + SCHEMA_VERSION + ", \"households\": [...]}");
            }
        } catch (IOException e) {
            damaged.setAside(file, String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable"),
                    "every household: their things are seen by admins alone until the households are made again");
            return Map.of();
        }
        List<String> skipped = new ArrayList<>();
        for (JsonNode node : root.path("households")) {
            try {
                Household household = HomeJson.parseHousehold(node);
                loaded.put(household.id(), household);
            } catch (IllegalArgumentException e) {
                skipped.add(node.path("id").asText("?") + ": " + e.getMessage());
            }
        }
        if (!skipped.isEmpty()) {
            damaged.note(file, skipped.size() + " household" + (skipped.size() == 1 ? "" : "s") + " unreadable: "
                    + String.join("; ", skipped), "those households: make them again with PUT /api/households/{id}");
        }
        return Collections.unmodifiableMap(loaded);
    }
}
