package org.cityhub.core.internal.thing;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cityhub.api.config.ConfigValidator;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.thing.handler.HandlerRunner;
import org.cityhub.core.internal.thing.state.ThingStatusBook;
import org.cityhub.core.internal.thing.type.ThingTypeSource;

/**
 * Starts and stops things in the order their bridges need: a thing starts when its bridge's handler runs, the
 * things behind a bridge stop before it, and they follow its status. The work of each change is proportional to
 * the things it concerns, never to all things. Called on the thing manager's lifecycle thread only.
 */
final class ThingStarter {

    private static final Set<ThingStatusDetail> WAITING = Set.of(ThingStatusDetail.HANDLER_MISSING,
            ThingStatusDetail.CONFIGURATION_ERROR, ThingStatusDetail.BRIDGE_UNINITIALIZED);

    private final Map<ThingUID, DefinedThing> definitions;
    private final BridgeIndex children;
    private final ThingTypeSource types;
    private final ThingStatusBook statuses;
    private final HandlerRunner runner;

    /** @param definitions the manager's definitions, read only here */
    ThingStarter(Map<ThingUID, DefinedThing> definitions, BridgeIndex children, ThingTypeSource types,
            ThingStatusBook statuses, HandlerRunner runner) {
        this.definitions = definitions;
        this.children = children;
        this.types = types;
        this.statuses = statuses;
        this.runner = runner;
    }

    /** Starts every waiting thing that can start; things behind a bridge start once its handler runs. */
    void startWaitingThings() {
        for (DefinedThing definition : definitions.values()) {
            ThingUID uid = definition.thing().uid();
            if (definition.enabled() && !definition.remote() && !runner.isActive(uid)
                    && WAITING.contains(statuses.get(uid).detail())) {
                tryStart(definition.thing());
            }
        }
    }

    /**
     * Starts one newly defined thing, if it waits and may start; the things that wait for it as their bridge start
     * when its handler runs.
     */
    void startTree(ThingUID uid) {
        DefinedThing definition = definitions.get(uid);
        if (definition == null || !definition.enabled() || definition.remote() || runner.isActive(uid)
                || !WAITING.contains(statuses.get(uid).detail())) {
            return;
        }
        tryStart(definition.thing());
    }

    /** A thing's handler came up: it follows its bridge's status, and the things behind it may start. */
    void handlerRunning(ThingUID uid) {
        DefinedThing definition = definitions.get(uid);
        ThingUID bridge = definition == null ? null : definition.thing().bridgeUID();
        if (bridge != null && statuses.get(bridge).status() != ThingStatus.ONLINE) {
            statuses.bridgeChanged(uid, bridge, false);
        }
        children.childrenOf(uid).forEach(this::startTree);
    }

    /** Stops the thing's handler after the handlers of the things that go through it. */
    void stopTree(ThingUID uid, ThingStatusInfo after) {
        ThingStatusInfo orphaned = ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.BRIDGE_UNINITIALIZED,
                "bridge " + uid + " stopped");
        children.childrenOf(uid).filter(runner::isActive).forEach(child -> stopTree(child, orphaned));
        runner.stop(uid, after);
    }

    /** Shows a bridge's going offline and coming back on the things that go through it. */
    void followBridge(ThingUID uid, ThingStatusInfo status) {
        children.childrenOf(uid).filter(runner::isRunning)
                .forEach(child -> statuses.bridgeChanged(child, uid, status.status() == ThingStatus.ONLINE));
    }

    /** Begins to start the thing if its configuration is valid and its bridge (if any) runs. */
    private void tryStart(Thing thing) {
        ThingUID bridge = thing.bridgeUID();
        Optional<ConfigValidator.Result> invalid = types.get(thing.thingTypeUID())
                .map(type -> ConfigValidator.validate(type, thing)).filter(result -> !result.valid());
        if (invalid.isPresent()) {
            statuses.set(thing.uid(), ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.CONFIGURATION_ERROR,
                    String.join("; ", invalid.get().violations())));
            return;
        }
        // a bridge of another department, not shared with the thing's, is treated exactly as one that is not there:
        // the thing waits with the same status, which tells nothing of the bridge
        if (bridge != null && (!runner.isRunning(bridge) || !mayGoThrough(thing, bridge))) {
            statuses.set(thing.uid(), ThingStatusInfo.of(ThingStatus.UNINITIALIZED, ThingStatusDetail.BRIDGE_UNINITIALIZED,
                    "bridge " + bridge + " has no running handler"));
            return;
        }
        runner.start(thing);
    }

    private boolean mayGoThrough(Thing thing, ThingUID bridge) {
        DefinedThing definition = definitions.get(bridge);
        return definition != null && definition.thing().admitsThroughBridge(thing);
    }
}
