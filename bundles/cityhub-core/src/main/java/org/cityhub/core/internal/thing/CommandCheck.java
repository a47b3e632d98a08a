package org.cityhub.core.internal.thing;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException.Reason;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.Refresh;
import org.cityhub.api.types.State;

/** Decides whether a command may go to a channel, with a reason a person can act on when it may not. */
final class CommandCheck {

    private final Predicate<ThingUID> known;
    private final Function<ThingUID, Optional<ThingType>> types;

    /** A check of things that {@code known} knows, with each thing's type (its own channels included). */
    CommandCheck(Predicate<ThingUID> known, Function<ThingUID, Optional<ThingType>> types) {
        this.known = known;
        this.types = types;
    }

    void check(ChannelUID channel, Command command) throws CommandRejectedException {
        ChannelDefinition definition = definition(channel);
        if (definition.kind() == ChannelKind.TRIGGER) {
            throw new CommandRejectedException(Reason.READ_ONLY, "channel " + channel + " is a trigger channel; it takes no commands");
        }
        if (definition.readOnly() && command != Refresh.REFRESH) {
            throw new CommandRejectedException(Reason.READ_ONLY, "channel " + channel + " is read-only; it takes only REFRESH");
        }
        if (!definition.itemType().accepts(command)) {
            throw new CommandRejectedException(Reason.UNSUPPORTED_COMMAND, "channel " + channel + " is a "
                    + definition.itemType().id() + " channel; it does not take the command " + command);
        }
        checkRange(channel, definition, command);
    }

    /** A number outside the channel's range is refused here, so that no binding has to; other units are its own. */
    private static void checkRange(ChannelUID channel, ChannelDefinition definition, Command command)
            throws CommandRejectedException {
        if (command instanceof NumberValue number && !definition.range().contains(number.value())
                && (number.unit() == null || number.unit().equals(definition.unit()))) {
            String unit = definition.unit() == null ? "" : " " + definition.unit();
            throw new CommandRejectedException(Reason.UNSUPPORTED_COMMAND, "channel " + channel + " takes "
                    + definition.range().describe() + unit + "; " + number.value().toPlainString() + unit
                    + " is out of range");
        }
    }

    /** Whether a state may be set on a channel from outside its binding: a state channel that holds such states. */
    void checkState(ChannelUID channel, State state) throws CommandRejectedException {
        ChannelDefinition definition = definition(channel);
        if (definition.kind() == ChannelKind.TRIGGER) {
            throw new CommandRejectedException(Reason.READ_ONLY, "channel " + channel + " is a trigger channel; it has no state");
        }
        if (!definition.itemType().accepts(state)) {
            throw new CommandRejectedException(Reason.UNSUPPORTED_COMMAND, "channel " + channel + " is a "
                    + definition.itemType().id() + " channel; it does not hold the state " + state);
        }
    }

    private ChannelDefinition definition(ChannelUID channel) throws CommandRejectedException {
        ThingUID uid = channel.thingUID();
        if (!known.test(uid)) {
            throw new CommandRejectedException(Reason.UNKNOWN_THING, "no thing " + uid);
        }
        ThingType type = types.apply(uid).orElseThrow(() -> new CommandRejectedException(
                Reason.HANDLER_MISSING, "thing " + uid + " has no running handler: binding '" + uid.bindingId()
                        + "', which declares thing type " + uid.thingTypeUID() + ", is not installed"));
        ChannelDefinition definition = type.channel(channel.channelId()).orElseThrow(() -> new CommandRejectedException(
                Reason.UNKNOWN_CHANNEL, "thing type " + type.uid() + " has no channel '" + channel.channelId()
                        + "'; its channels are " + type.channels().stream().map(ChannelDefinition::id).toList()));
        return definition;
    }
}
