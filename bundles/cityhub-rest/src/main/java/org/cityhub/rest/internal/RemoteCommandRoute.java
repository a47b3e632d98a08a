package org.cityhub.rest.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.federation.RemoteAnswer;
import org.cityhub.api.federation.RemoteCaller;
import org.cityhub.api.federation.RemoteCommands;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.types.Command;

/** Commands to other hubs' things, through the federation while it runs; the owning hub's answer is the request's. */
final class RemoteCommandRoute {

    /** How long a request waits for another hub's answer at most; the federation's own timeout comes first. */
    private static final Duration REMOTE_PATIENCE = Duration.ofSeconds(120);

    private final Supplier<Optional<RemoteCommands>> federation;

    RemoteCommandRoute(Supplier<Optional<RemoteCommands>> federation) {
        this.federation = federation;
    }

    /**
     * A command to another hub's thing goes to that hub, which authorises it again and answers: its answer is this
     * request's (202, 400, 403, 404, 409), or 504 when none comes in the federation's time.
     */
    void send(String hub, ChannelUID channel, Command command, Caller caller) throws ProblemException {
        RemoteCommands hubs = federation.get().orElseThrow(() -> new ProblemException(409, "thing "
                + channel.thingUID() + " belongs to hub " + hub + ", and federation does not run on this hub now"));
        TokenInfo token = caller.token();
        RemoteAnswer answer;
        try {
            answer = hubs.send(hub, channel, command, new RemoteCaller(token.name(), token.role(),
                    token.scope())).toCompletableFuture().get(REMOTE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ProblemException(504, "hub " + hub + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "interrupted while waiting for hub " + hub);
        }
        switch (answer.outcome()) {
            case ACCEPTED:
                return;
            case REJECTED:
                throw new ProblemException(ThingResource.statusOf(answer.reason()), "hub " + hub + ": "
                        + answer.detail());
            case FORBIDDEN:
                throw new ProblemException(403, "hub " + hub + ": " + answer.detail());
            default:
                throw new ProblemException(504, answer.detail());
        }
    }
}
