package org.cityhub.rules.internal;

import java.time.ZonedDateTime;
import java.util.OptionalInt;

import org.cityhub.api.thing.ChannelState;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.types.State;

/** Whether a rule's condition holds now, and why, from the channels' current states and the city's clock. */
final class ConditionCheck {

    /** The answer, and why, for people (the dry run shows it). */
    record Verdict(boolean holds, String because) {
    }

    private ConditionCheck() {
    }

    static Verdict evaluate(RuleCheck.Checked checked, Condition condition, ThingRegistry things, ZonedDateTime now) {
        if (condition instanceof Condition.StateIs stateIs) {
            State expected = checked.states().get(stateIs.pointer());
            ChannelState current = things.getStates(stateIs.channel().thingUID()).get(stateIs.channel().channelId());
            if (current == null) {
                return new Verdict(false, stateIs.channel() + " has no state yet");
            }
            OptionalInt compared = StateComparison.compare(current.state(), expected);
            boolean holds = compared.isPresent() && stateIs.comparison().holds(compared.getAsInt());
            return new Verdict(holds, stateIs.channel() + " is " + current.state() + (compared.isEmpty()
                    ? ", which does not compare with " + expected : ", " + stateIs.comparison().symbol() + " " + expected
                            + (holds ? " holds" : " does not hold")));
        }
        if (condition instanceof Condition.TimeWindow window) {
            boolean holds = window.contains(now.toLocalTime());
            return new Verdict(holds, "it is " + now.toLocalTime().withNano(0) + (holds ? ", within " : ", outside ")
                    + window.after() + "–" + window.before());
        }
        Condition.Days days = (Condition.Days) condition;
        boolean holds = days.days().contains(now.getDayOfWeek());
        return new Verdict(holds, "it is " + now.getDayOfWeek() + (holds ? ", one of " : ", not one of ") + days.days());
    }
}
