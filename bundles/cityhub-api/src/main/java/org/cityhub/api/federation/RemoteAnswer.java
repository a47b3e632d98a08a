package org.cityhub.api.federation;

import org.cityhub.api.thing.CommandRejectedException;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The owning hub's answer to a command sent from another hub.
 *
 * @param outcome accepted, rejected for a reason, forbidden to the caller, or no answer in time
 * @param reason why the owning hub rejected it, for {@link Outcome#REJECTED}
 * @param detail a sentence for people, empty when accepted
 */
public record RemoteAnswer(Outcome outcome, CommandRejectedException.@Nullable Reason reason, String detail) {

    /** What became of a command sent to another hub. */
    public enum Outcome {
        /** The owning hub took it and passed it to the thing's handler. */
        ACCEPTED,
        /** The owning hub refused it, for {@link RemoteAnswer#reason}. */
        REJECTED,
        /** The owning hub does not let the caller command that thing (role, department or grant). */
        FORBIDDEN,
        /** No answer came in time: the hub is away, or federation cannot reach Kafka. */
        NO_ANSWER
    }

    public RemoteAnswer {
        if ((outcome == Outcome.REJECTED) != (reason != null)) {
            throw new IllegalArgumentException("a rejected command has a reason, and only a rejected one");
        }
        detail = detail == null ? "" : detail;
    }

    /** The owning hub took the command. */
    public static RemoteAnswer accepted() {
        return new RemoteAnswer(Outcome.ACCEPTED, null, "");
    }

    /** The owning hub refused the command, for a reason its REST API answers with 400, 404 or 409. */
    public static RemoteAnswer rejected(CommandRejectedException.Reason reason, String detail) {
        return new RemoteAnswer(Outcome.REJECTED, reason, detail);
    }

    /** The owning hub does not let the caller command the thing. */
    public static RemoteAnswer forbidden(String detail) {
        return new RemoteAnswer(Outcome.FORBIDDEN, null, detail);
    }

    /** No answer came in time. */
    public static RemoteAnswer noAnswer(String detail) {
        return new RemoteAnswer(Outcome.NO_ANSWER, null, detail);
    }
}
