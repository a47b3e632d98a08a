package org.cityhub.core.internal.sharing;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.ReadWindow;
import org.cityhub.api.sharing.Right;
import org.cityhub.api.thing.Thing;

/**
 * One scope's view, asked of the registry's grants as they are at each question (a revocation is seen by the
 * next one). A scope of every department owns every department's thing and needs no grant for them; a household's
 * things it sees only by that household's consent, like any department.
 */
final class GrantAudience implements Audience {

    private final DepartmentScope scope;
    private final Supplier<GrantIndex> grants;
    private final Clock clock;

    GrantAudience(DepartmentScope scope, Supplier<GrantIndex> grants, Clock clock) {
        this.scope = scope;
        this.grants = grants;
        this.clock = clock;
    }

    /** A department never owns a home's thing, not even a scope of every department: homes share by consent. */
    @Override
    public boolean owns(Thing thing) {
        return thing.household() == null && scope.includes(thing.department());
    }

    @Override
    public boolean sees(Thing thing) {
        return owns(thing) || active().anyMatch(grant -> grant.touches(thing));
    }

    @Override
    public boolean seesChannel(Thing thing, String channelId) {
        return owns(thing) || active().anyMatch(grant -> grant.takesChannel(thing, channelId));
    }

    @Override
    public boolean mayCommand(Thing thing, String channelId) {
        return owns(thing) || commandGrant(thing, channelId).isPresent();
    }

    @Override
    public Optional<Grant> commandGrant(Thing thing, String channelId) {
        if (owns(thing)) {
            return Optional.empty();
        }
        return active().filter(grant -> grant.allows(Right.COMMAND) && grant.takesChannel(thing, channelId))
                .findFirst();
    }

    @Override
    public List<Grant> grantsOn(Thing thing) {
        return owns(thing) ? List.of() : active().filter(grant -> grant.touches(thing)).toList();
    }

    @Override
    public List<ReadWindow> readWindows(Thing thing, String channelId) {
        if (owns(thing)) {
            return List.of(ReadWindow.ALWAYS);
        }
        return received().filter(grant -> grant.takesChannel(thing, channelId))
                .map(grant -> new ReadWindow(grant.created(), grant.end()))
                .sorted(Comparator.comparing(ReadWindow::from)).toList();
    }

    @Override
    public boolean receivesGrants() {
        return active().anyMatch(grant -> !scope.isAll() || grant.owner().household() != null);
    }

    /** The grants in force whose grantee is in the scope. */
    private Stream<Grant> active() {
        return received().filter(grant -> grant.activeAt(clock.instant()));
    }

    /** Every grant, in force or ended, whose grantee is in the scope. */
    private Stream<Grant> received() {
        GrantIndex index = grants.get();
        return scope.departments().stream().flatMap(department -> index.receivedBy(department).stream());
    }
}
