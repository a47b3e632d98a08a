package org.cityhub.core.internal.sharing;

import java.util.List;
import java.util.Optional;

import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.ReadWindow;
import org.cityhub.api.thing.Thing;

/** What the hub's keepers see: everything, homes included; they need no grant. */
enum HubAudience implements Audience {

    INSTANCE;

    @Override
    public boolean owns(Thing thing) {
        return true;
    }

    @Override
    public boolean sees(Thing thing) {
        return true;
    }

    @Override
    public boolean seesChannel(Thing thing, String channelId) {
        return true;
    }

    @Override
    public boolean mayCommand(Thing thing, String channelId) {
        return true;
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
        return List.of(ReadWindow.ALWAYS);
    }

    @Override
    public boolean receivesGrants() {
        return false;
    }
}
