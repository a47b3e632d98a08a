package org.cityhub.rules.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.sharing.Audience;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.ItemType;
import org.cityhub.api.types.Refresh;
import org.cityhub.api.types.State;
import org.cityhub.json.StateJson;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a rule against the hub as it is now: every thing and channel it names exists, is of the kind and type the
 * rule uses it as, and its department may read it (its own, or granted) and command what it commands. A thing its
 * department cannot see is answered exactly like one that does not exist. Values and commands are read by their
 * channel's item type, so that a number compared with ON is refused here, not at three in the morning.
 */
final class RuleCheck {

    /**
     * A rule that may run, with its values read.
     *
     * @param rule the rule
     * @param states the values of {@code changed.to} and {@code state} conditions, by JSON pointer
     * @param commands the commands of its command actions, by JSON pointer
     */
    record Checked(Rule rule, Map<String, State> states, Map<String, Command> commands) {
    }

    private final ThingRegistry things;
    private final Audience audience;
    private final Rule rule;
    private final Map<String, State> states = new HashMap<>();
    private final Map<String, Command> commands = new HashMap<>();

    private RuleCheck(ThingRegistry things, Audience audience, Rule rule) {
        this.things = things;
        this.audience = audience;
        this.rule = rule;
    }

    /**
     * @param audience what the rule's department may see and command
     * @throws RuleProblem naming the first thing the rule may not use, and why
     */
    static Checked check(Rule rule, ThingRegistry things, Audience audience) {
        RuleCheck check = new RuleCheck(things, audience, rule);
        rule.triggers().forEach(check::trigger);
        rule.conditions().forEach(check::condition);
        rule.actions().forEach(check::action);
        return new Checked(rule, Map.copyOf(check.states), Map.copyOf(check.commands));
    }

    private void trigger(Trigger trigger) {
        if (trigger instanceof Trigger.Changed changed) {
            ChannelDefinition channel = channel(changed.pointer(), changed.channel(), ChannelKind.STATE);
            if (changed.to() != null) {
                states.put(changed.pointer(), state(changed.pointer() + "/to", changed.to(), channel.itemType()));
            }
        } else if (trigger instanceof Trigger.Threshold threshold) {
            ChannelDefinition channel = channel(threshold.pointer(), threshold.channel(), ChannelKind.STATE);
            if (channel.itemType() != ItemType.NUMBER) {
                throw new RuleProblem(threshold.pointer() + "/channel", "a threshold needs a number channel; "
                        + threshold.channel() + " holds " + channel.itemType().id() + " states");
            }
        } else if (trigger instanceof Trigger.Status status) {
            thing(status.pointer() + "/thing", status.thing());
        } else if (trigger instanceof Trigger.ChannelEvent event) {
            channel(event.pointer(), event.channel(), ChannelKind.TRIGGER);
        } else if (trigger instanceof Trigger.CityEvent event) {
            cityTopics(event);
        }
        // schedules and times of day need nothing of the hub
    }

    private void cityTopics(Trigger.CityEvent event) {
        String own = "cityhub/city/" + rule.department() + "/";
        for (String pattern : event.topics().patterns()) {
            if (!pattern.startsWith(own)) {
                throw new RuleProblem(event.pointer() + "/topic", "a rule of department '" + rule.department()
                        + "' follows the city events addressed to it, " + own + "…; '" + pattern + "' is not one");
            }
        }
    }

    private void condition(Condition condition) {
        if (condition instanceof Condition.StateIs stateIs) {
            ChannelDefinition channel = channel(stateIs.pointer(), stateIs.channel(), ChannelKind.STATE);
            if (stateIs.comparison().ordering() && channel.itemType() != ItemType.NUMBER
                    && channel.itemType() != ItemType.DATETIME) {
                throw new RuleProblem(stateIs.pointer() + "/operator", "'" + stateIs.comparison().symbol()
                        + "' orders numbers and times; " + stateIs.channel() + " holds " + channel.itemType().id()
                        + " states: use == or !=");
            }
            states.put(stateIs.pointer(), state(stateIs.pointer() + "/value", stateIs.value(), channel.itemType()));
        }
    }

    private void action(Action action) {
        if (action instanceof Action.SendCommand send) {
            ChannelDefinition channel = channel(send.pointer(), send.channel(), ChannelKind.STATE);
            Thing thing = things.get(send.channel().thingUID()).orElseThrow();
            if (!audience.mayCommand(thing, send.channel().channelId())) {
                throw new RuleProblem(send.pointer() + "/channel", "department '" + rule.department() + "' may read "
                        + send.channel() + " but not command it: no grant in force gives it command");
            }
            Command command;
            try {
                command = StateJson.parseCommand(send.command(), channel.itemType());
            } catch (IllegalArgumentException e) {
                throw new RuleProblem(send.pointer() + "/command", e.getMessage() + " (channel " + send.channel()
                        + " takes " + channel.itemType().id() + ")");
            }
            if (channel.readOnly() && !(command instanceof Refresh)) {
                throw new RuleProblem(send.pointer() + "/channel", "channel " + send.channel() + " is read-only");
            }
            commands.put(send.pointer(), command);
        } else if (action instanceof Action.EnableThing enable) {
            Thing thing = thing(enable.pointer() + "/thing", enable.thing());
            if (!audience.owns(thing)) {
                throw new RuleProblem(enable.pointer() + "/thing", "only department '" + thing.department()
                        + "' enables or disables " + thing.uid() + "; a grant lets others read or command it");
            }
            if (!things.getSource(thing.uid()).filter("managed"::equals).isPresent()) {
                throw new RuleProblem(enable.pointer() + "/thing", thing.uid() + " is defined by a thing file; only"
                        + " managed things are enabled and disabled");
            }
        }
    }

    private Thing thing(String pointer, ThingUID uid) {
        Optional<Thing> thing = things.get(uid).filter(audience::sees);
        return thing.orElseThrow(() -> new RuleProblem(pointer, "department '" + rule.department() + "' sees no thing "
                + uid + " (it does not exist, or no grant in force shares it)"));
    }

    private ChannelDefinition channel(String pointer, ChannelUID uid, ChannelKind kind) {
        Thing thing = thing(pointer + "/channel", uid.thingUID());
        if (!audience.seesChannel(thing, uid.channelId())) {
            throw new RuleProblem(pointer + "/channel", "no grant in force shares channel " + uid + " with department '"
                    + rule.department() + "'");
        }
        ThingType type = things.getThingType(thing.uid()).orElseThrow(() -> new RuleProblem(pointer + "/channel",
                "thing " + thing.uid() + " has no running handler (binding '" + thing.uid().bindingId()
                        + "' is not installed); the rule waits for it"));
        ChannelDefinition channel = type.channel(uid.channelId()).orElseThrow(() -> new RuleProblem(pointer
                + "/channel", "thing " + thing.uid() + " has no channel '" + uid.channelId() + "'"));
        if (channel.kind() != kind) {
            throw new RuleProblem(pointer + "/channel", "channel " + uid + " is a " + channel.kind().name()
                    .toLowerCase(Locale.ROOT) + " channel; this needs a " + kind.name()
                            .toLowerCase(Locale.ROOT) + " channel");
        }
        return channel;
    }

    private static State state(String pointer, JsonNode value, ItemType itemType) {
        try {
            Command parsed = StateJson.parseCommand(value, itemType);
            if (parsed instanceof State state) {
                return state;
            }
            throw new IllegalArgumentException(parsed + " is a command, not a state");
        } catch (IllegalArgumentException e) {
            throw new RuleProblem(pointer, e.getMessage().replace("'command'", "the value") + " (the channel holds "
                    + itemType.id() + " states)");
        }
    }
}
