package org.cityhub.federation.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;

/**
 * Which of this hub's things the others see: those of the shared departments, and those named or tagged to be shared
 * whatever their department; never one withheld by name, never a household's.
 *
 * @param departments the departments whose things are shared
 * @param things things shared whatever their department
 * @param tags things with any of these tags are shared whatever their department
 * @param withheld things never shared, whatever else says so
 */
record SharePolicy(DepartmentScope departments, Set<ThingUID> things, Set<String> tags, Set<ThingUID> withheld) {

    /** Every department's things, none withheld. */
    static final SharePolicy ALL = new SharePolicy(DepartmentScope.ALL, Set.of(), Set.of(), Set.of());

    SharePolicy {
        things = Set.copyOf(things);
        tags = Set.copyOf(tags);
        withheld = Set.copyOf(withheld);
    }

    /**
     * From the settings' comma-separated lists.
     *
     * @throws IllegalArgumentException naming the setting with a thing UID that is not one
     */
    static SharePolicy parse(String departments, String things, String tags, String withheld) {
        return new SharePolicy(DepartmentScope.parse(departments), uids("shareThings", things), words(tags),
                uids("withholdThings", withheld));
    }

    boolean shares(Thing thing) {
        if (thing.household() != null || withheld.contains(thing.uid())) {
            return false;
        }
        return departments.includes(thing.department()) || things.contains(thing.uid())
                || thing.tags().stream().anyMatch(tags::contains);
    }

    private static Set<ThingUID> uids(String setting, String list) {
        try {
            return words(list).stream().map(ThingUID::parse).collect(Collectors.toUnmodifiableSet());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> words(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(word -> !word.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
