package org.cityhub.api.sharing;

import java.util.List;
import java.util.Optional;

import org.cityhub.api.thing.Thing;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What one scope (a token's departments, a rule's department) may see and command, decided from the grants in
 * force at the moment of each question: a revocation or an expiry counts from the next question on. Every
 * surface asks this, never the grants themselves.
 */
@ProviderType
public interface Audience {

    /** Whether the thing is the scope's own (it may change it, and sees all of it). */
    boolean owns(Thing thing);

    /** Whether the scope sees the thing: its own, or at least one channel of it granted. */
    boolean sees(Thing thing);

    /** Whether the scope sees this channel of the thing. */
    boolean seesChannel(Thing thing, String channelId);

    /** Whether the scope may command this channel: its own thing, or a grant in force gives command on it. */
    boolean mayCommand(Thing thing, String channelId);

    /** The grant in force that lets the scope command this channel of a thing not its own; empty otherwise. */
    Optional<Grant> commandGrant(Thing thing, String channelId);

    /** The grants in force through which the scope sees the thing; empty for its own things. */
    List<Grant> grantsOn(Thing thing);

    /**
     * The spans of time whose history of this channel the scope may read: {@link ReadWindow#ALWAYS} for its own
     * things, the lifetime of each grant that takes in the channel otherwise (ended ones too), in order of start;
     * empty if none.
     */
    List<ReadWindow> readWindows(Thing thing, String channelId);

    /** Whether any grant in force reaches the scope, so that it may see things beyond its own departments. */
    boolean receivesGrants();
}
