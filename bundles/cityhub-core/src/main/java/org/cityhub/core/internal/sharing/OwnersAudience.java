package org.cityhub.core.internal.sharing;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.ReadWindow;
import org.cityhub.api.thing.Thing;

/**
 * An audience that no grant reaches: it sees, commands and reads the history of exactly the things it owns. Residents
 * own their households' things; the hub's keepers (admins) own every thing.
 *
 * @param owns which things are the audience's
 */
record OwnersAudience(Predicate<Thing> owns) implements Audience {

    /** The hub's keepers: every thing, homes included. */
    static final OwnersAudience HUB = new OwnersAudience(thing -> true);

    /** Residents of these households: their things, and nothing else. */
    static OwnersAudience residents(Set<String> households) {
        Set<String> homes = Set.copyOf(households);
        return new OwnersAudience(thing -> thing.household() != null && homes.contains(thing.household()));
    }

    @Override
    public boolean owns(Thing thing) {
        return owns.test(thing);
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
