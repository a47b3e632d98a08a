package org.cityhub.api.thing;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.cityhub.api.i18n.Labels;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A thing's definition: what an integrator writes in a thing file or sends to the REST API. Its live
 * status and channel states are kept by the hub, not here.
 *
 * @param uid the thing's UID, which also names its type
 * @param label a name for people
 * @param bridgeUID the bridge this thing goes through, or {@code null}
 * @param department the department that owns the thing ({@code [a-z0-9-]+}), or {@code null}
 * @param location where the thing stands, or {@code null}
 * @param tags free tags for searching
 * @param properties free facts about the device (vendor, serial number, …)
 * @param configuration the thing's configuration, as its thing type declares it; values are strings,
 *        numbers ({@link java.math.BigDecimal}) or booleans
 * @param sharedWith for a bridge, the other departments whose things may go through it (an admin's decision);
 *        a thing goes through a bridge only if both have the same department, the bridge is shared with the
 *        thing's department, or the bridge has no department (it is the hub's own, which only tokens of every
 *        department can define)
 * @param household the household that owns the thing ({@code [a-z0-9-]+}), or {@code null}; a thing has a
 *        department or a household, never both: a home's devices are the residents', and departments see them
 *        only by their consent
 * @param labels the thing's name in other languages besides {@code label} (which is in the hub's default language)
 */
public record Thing(ThingUID uid, String label, @Nullable ThingUID bridgeUID, @Nullable String department,
        @Nullable Location location, Set<String> tags, Map<String, String> properties,
        Map<String, Object> configuration, Set<String> sharedWith, @Nullable String household, Labels labels) {

    private static final Pattern DEPARTMENT = Pattern.compile("[a-z0-9-]+");

    /** @throws IllegalArgumentException naming the field that is wrong */
    public Thing {
        if (uid == null) {
            throw new IllegalArgumentException("missing thing UID");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("thing " + uid + ": missing label");
        }
        Labels.check("thing " + uid, label);
        labels = labels == null ? Labels.NONE : labels;
        if (department != null && !DEPARTMENT.matcher(department).matches()) {
            throw new IllegalArgumentException("thing " + uid + ": invalid department '" + department
                    + "': it may contain only lower-case letters, digits and '-'");
        }
        sharedWith = sharedWith == null ? Set.of() : Set.copyOf(sharedWith);
        for (String shared : sharedWith) {
            if (!DEPARTMENT.matcher(shared).matches()) {
                throw new IllegalArgumentException("thing " + uid + ": sharedWith names '" + shared
                        + "', which is not a department: use lower-case letters, digits and '-'");
            }
        }
        if (household != null) {
            checkHousehold(uid, household, department, sharedWith);
        }
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        configuration = configuration == null ? Map.of() : Map.copyOf(configuration);
    }

    /**
     * A thing labelled in the default language only.
     *
     * @param uid the thing's UID
     * @param label a name for people
     * @param bridgeUID the bridge this thing goes through, or {@code null}
     * @param department the owning department, or {@code null}
     * @param location where the thing stands, or {@code null}
     * @param tags free tags
     * @param properties free facts about the device
     * @param configuration the thing's configuration
     * @param sharedWith for a bridge, the other departments whose things may go through it
     * @param household the owning household, or {@code null}
     */
    public Thing(ThingUID uid, String label, @Nullable ThingUID bridgeUID, @Nullable String department,
            @Nullable Location location, Set<String> tags, Map<String, String> properties,
            Map<String, Object> configuration, Set<String> sharedWith, @Nullable String household) {
        this(uid, label, bridgeUID, department, location, tags, properties, configuration, sharedWith, household,
                Labels.NONE);
    }

    /**
     * A department's thing (or the hub's), as before households existed.
     *
     * @param uid the thing's UID
     * @param label a name for people
     * @param bridgeUID the bridge this thing goes through, or {@code null}
     * @param department the owning department, or {@code null}
     * @param location where the thing stands, or {@code null}
     * @param tags free tags
     * @param properties free facts about the device
     * @param configuration the thing's configuration
     * @param sharedWith for a bridge, the other departments whose things may go through it
     */
    public Thing(ThingUID uid, String label, @Nullable ThingUID bridgeUID, @Nullable String department,
            @Nullable Location location, Set<String> tags, Map<String, String> properties,
            Map<String, Object> configuration, Set<String> sharedWith) {
        this(uid, label, bridgeUID, department, location, tags, properties, configuration, sharedWith, null,
                Labels.NONE);
    }

    private static void checkHousehold(ThingUID uid, String household, @Nullable String department,
            Set<String> sharedWith) {
        if (!DEPARTMENT.matcher(household).matches()) {
            throw new IllegalArgumentException("thing " + uid + ": invalid household '" + household
                    + "': it may contain only lower-case letters, digits and '-'");
        }
        if (department != null) {
            throw new IllegalArgumentException("thing " + uid + " names department '" + department
                    + "' and household '" + household + "': a home's thing belongs to its household alone, and"
                    + " departments see it only by the household's consent (a grant)");
        }
        if (!sharedWith.isEmpty()) {
            throw new IllegalArgumentException("thing " + uid + " of household '" + household
                    + "' cannot be shared with departments through 'sharedWith': a household shares by consent");
        }
    }

    /**
     * A thing that shares with no other department (a definition as before {@code sharedWith} existed).
     *
     * @param uid the thing's UID
     * @param label a name for people
     * @param bridgeUID the bridge this thing goes through, or {@code null}
     * @param department the owning department, or {@code null}
     * @param location where the thing stands, or {@code null}
     * @param tags free tags
     * @param properties free facts about the device
     * @param configuration the thing's configuration
     */
    public Thing(ThingUID uid, String label, @Nullable ThingUID bridgeUID, @Nullable String department,
            @Nullable Location location, Set<String> tags, Map<String, String> properties,
            Map<String, Object> configuration) {
        this(uid, label, bridgeUID, department, location, tags, properties, configuration, Set.of());
    }

    /**
     * Whether a thing may go through this bridge: a bridge of the hub (no department, no household) admits every
     * thing; a department's bridge admits that department's things and those of the departments it is shared
     * with; a household's bridge (a home's gateway) admits that household's things only.
     *
     * @param thing the thing that names this one as its bridge
     * @return whether it may use it
     */
    public boolean admitsThroughBridge(Thing thing) {
        if (household != null) {
            return household.equals(thing.household());
        }
        return department == null || Objects.equals(department, thing.department())
                || thing.department() != null && sharedWith.contains(thing.department());
    }

    /**
     * This definition with another configuration.
     *
     * @param newConfiguration the configuration
     * @return the same thing, configured so
     */
    public Thing withConfiguration(Map<String, Object> newConfiguration) {
        if (newConfiguration.equals(configuration)) {
            return this; // immutable: the same thing serves, and a city of them holds no copies
        }
        return new Thing(uid, label, bridgeUID, department, location, tags, properties, newConfiguration, sharedWith,
                household, labels);
    }

    /** A thing with only a UID, a label and a configuration. */
    public static Thing of(ThingUID uid, String label, Map<String, Object> configuration) {
        return new Thing(uid, label, null, null, null, Set.of(), Map.of(), configuration);
    }

    /** The thing's type, the first two segments of its UID. */
    public ThingTypeUID thingTypeUID() {
        return uid.thingTypeUID();
    }

    /**
     * Names the thing and the parameters it sets, never their values: a configuration may hold secrets, and a
     * record's own {@code toString} would print them into whatever log shows the thing.
     */
    @Override
    public String toString() {
        return "Thing[" + uid + " '" + label + "'" + (bridgeUID == null ? "" : " via " + bridgeUID)
                + (department == null ? "" : " of " + department) + (household == null ? "" : " of household "
                + household) + ", parameters " + configuration.keySet() + "]";
    }
}
