package org.cityhub.api.thing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.types.Command;
import org.cityhub.api.types.State;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The hub's things with their live status and channel states, and the way to command them. A service of
 * the hub, used by the REST API, the console and other hub parts.
 */
@ProviderType
public interface ThingRegistry {

    /** Every thing the hub knows. */
    Collection<Thing> getAll();

    /** The thing with this UID. */
    Optional<Thing> get(ThingUID uid);

    /** The thing's current status; {@code UNINITIALIZED} if the thing is unknown. */
    ThingStatusInfo getStatus(ThingUID uid);

    /** The last state of each of the thing's state channels, by channel id, in the type's channel order. */
    Map<String, ChannelState> getStates(ThingUID uid);

    /**
     * The thing's type as this thing has it: its type's channels plus those its configuration defines (for
     * generic types with a {@link ParameterType#CHANNELS} parameter). Empty while the type is not installed.
     */
    Optional<ThingType> getThingType(ThingUID uid);

    /** What the thing's device or system sent that its binding could not use; {@link InputErrors#NONE} if nothing. */
    InputErrors getInputErrors(ThingUID uid);

    /** Where the thing is defined: {@code managed}, or the name of the thing file that defines it. */
    Optional<String> getSource(ThingUID uid);

    /** Problems of the thing files: files that could not be read and things in them that were refused. */
    List<DefinitionProblem> getProblems();

    /**
     * Sends a command to a channel. Returns once the command is accepted; the handler runs it
     * asynchronously and reports the outcome as a state update.
     *
     * @throws CommandRejectedException if the thing or channel is unknown, the channel takes no such
     *         command, or no handler runs for the thing
     */
    void sendCommand(ChannelUID channel, Command command) throws CommandRejectedException;

    /**
     * Sets a channel's state from outside its binding, as if its handler had reported it (an operator correcting
     * the hub's view, or data pushed by a department's system): recorded, and published as a state event.
     *
     * @throws CommandRejectedException if the thing or channel is unknown, the channel does not hold such a state,
     *         or no handler runs for the thing
     */
    void updateState(ChannelUID channel, State state) throws CommandRejectedException;
}
