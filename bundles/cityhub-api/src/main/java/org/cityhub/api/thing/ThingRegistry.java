package org.cityhub.api.thing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The hub's things with their live status and channel states, read-only. A service of the hub, used by the REST
 * API, the console and other hub parts; commands go through {@link ThingCommands}, states pushed from outside a
 * binding through {@code org.cityhub.api.ingest.IngestService}.
 */
@ProviderType
public interface ThingRegistry {

    /**
     * The visibility of a caller that sees every thing, for {@link #find}: with it and no criteria, a page costs
     * the page alone, since no thing needs looking at to be counted.
     *
     * @since 2.1
     */
    Predicate<Thing> EVERY_THING = thing -> true;

    /** Every thing the hub knows. */
    Collection<Thing> getAll();

    /**
     * One page of the things that meet the query and that {@code visible} admits, in UID order (binding, type, id),
     * found through the registry's indexes of department, type, status, tag and place: its cost follows the things
     * that could match, never a copy or a sort of all things.
     *
     * @param offset how many matching things to skip, at least 0
     * @param limit how many to return at most, at least 1
     * @since 2.1
     */
    ThingPage find(ThingQuery query, Predicate<Thing> visible, int offset, int limit);

    /**
     * How many things have each status now (statuses no thing has are left out), without looking at each thing.
     *
     * @since 2.1
     */
    Map<ThingStatus, Integer> countByStatus();

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
}
