package org.cityhub.core.internal.sharing;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.ReadWindow;
import org.cityhub.api.thing.Thing;

/** What residents see: their households' things, whole, and nothing else; no grant ever reaches a resident. */
record HouseholdAudience(Set<String> households) implements Audience {

    HouseholdAudience {
        households = Set.copyOf(households);
    }

    @Override
    public boolean owns(Thing thing) {
        String household = thing.household();
        return household != null && households.contains(household);
    }

    @Override
    public boolean sees(Thing thing) {
        return owns(thing);
    }

    @Override
    public boolean seesChannel(Thing thing, String channelId) {
        return owns(thing);
    }

    @Override
    public boolean mayCommand(Thing thing, String channelId) {
        return owns(thing);
    }

    @Override
    public Optional<Grant> commandGrant(Thing thing, String channelId) {
        return Optional.empty();
    }

    @Override
    public List<Grant> grantsOn(Thing thing) {
        return List.of();
    }

    @Override
    public List<ReadWindow> readWindows(Thing thing, String channelId) {
        return owns(thing) ? List.of(ReadWindow.ALWAYS) : List.of();
    }

    @Override
    public boolean receivesGrants() {
        return false;
    }
}
