package org.cityhub.rules.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.cityhub.api.thing.ThingUID;

/**
 * A rule as read from its JSON document: what starts it, what must hold, what it does.
 *
 * @param id the rule's id
 * @param department the department it belongs to and acts for
 * @param label a name for people
 * @param enabled whether its document switches it on
 * @param triggers what starts it (any one)
 * @param conditions what must hold when it starts (all of them)
 * @param actions what it does, in order
 * @param maxFiringsPerMinute its rate limit: firings beyond it are held back and counted
 * @param definition the document it was read from
 */
record Rule(String id, String department, String label, boolean enabled, List<Trigger> triggers,
        List<Condition> conditions, List<Action> actions, int maxFiringsPerMinute, String definition) {

    Rule {
        triggers = List.copyOf(triggers);
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
    }

    /** Every thing the rule names anywhere: a change of one of them may change whether the rule may run. */
    Set<ThingUID> things() {
        Set<ThingUID> things = new LinkedHashSet<>();
        triggers.forEach(trigger -> things.addAll(trigger.things()));
        conditions.forEach(condition -> things.addAll(condition.things()));
        actions.forEach(action -> things.addAll(action.things()));
        return things;
    }
}
