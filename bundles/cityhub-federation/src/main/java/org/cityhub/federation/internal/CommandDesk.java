package org.cityhub.federation.internal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.cityhub.api.federation.HubIds;
import org.cityhub.api.federation.RemoteAnswer;
import org.cityhub.api.federation.RemoteCaller;
import org.cityhub.api.security.Role;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingCommands;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.cityhub.json.StateJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Commands between hubs. Outgoing: a command to another hub's thing goes to that hub's commands topic and waits for
 * its reply, or for the timeout. Incoming: a command for one of this hub's things is authorised again here, with the
 * caller's role and departments under this hub's grants, and run at most once (a command seen before, or past its
 * expiry, is not run).
 */
final class CommandDesk {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDesk.class);
    private static final int REMEMBERED = 10_000;

    private final FederationSettings settings;
    private final Topics topics;
    private final Outbox outbox;
    private final ThingRegistry registry;
    private final ThingCommands commands;
    private final Grants grants;
    private final LocalShare share;
    private final HubTable hubs;
    private final ScheduledExecutorService timer;
    private final Map<String, CompletableFuture<RemoteAnswer>> pending = new ConcurrentHashMap<>();
    private final Set<String> seen = Collections.newSetFromMap(new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    CommandDesk(FederationSettings settings, Outbox outbox, ThingRegistry registry, ThingCommands commands,
            Grants grants, LocalShare share, HubTable hubs, ScheduledExecutorService timer) {
        this.settings = settings;
        this.topics = new Topics(settings.prefix());
        this.outbox = outbox;
        this.registry = registry;
        this.commands = commands;
        this.grants = grants;
        this.share = share;
        this.hubs = hubs;
        this.timer = timer;
    }

    /** Sends a command to the hub that owns the thing; completes with its answer or, past the timeout, none. */
    CompletionStage<RemoteAnswer> send(String hub, ChannelUID channel, Command command, RemoteCaller caller) {
        if (!hubs.alive(hub)) {
            return CompletableFuture.completedFuture(RemoteAnswer.noAnswer(hubs.whyAway(hub)));
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<RemoteAnswer> answer = new CompletableFuture<>();
        pending.put(id, answer);
        Instant expires = Instant.now().plus(settings.commandTimeout());
        if (!outbox.offer(topics.commands(hub), channel.thingUID().toString(), Records.command(settings.hubId(), id,
                channel, StateJson.command(command), caller, expires))) {
            pending.remove(id);
            return CompletableFuture.completedFuture(RemoteAnswer.noAnswer("the federation's outgoing records are at"
                    + " their bound; Kafka cannot be reached"));
        }
        timer.schedule(() -> Optional.ofNullable(pending.remove(id)).ifPresent(late -> late.complete(
                RemoteAnswer.noAnswer("hub " + hub + " did not answer within " + settings.commandTimeout().toSeconds()
                        + " s"))), settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        return answer;
    }

    /** A reply to a command this hub sent. */
    void replied(JsonNode reply) {
        CompletableFuture<RemoteAnswer> waiting = pending.remove(reply.path("id").asText());
        if (waiting != null) {
            waiting.complete(Records.parseReply(reply));
        }
    }

    /** A command for one of this hub's things: authorised, run at most once, answered. */
    void received(JsonNode record) {
        String id = record.path("id").asText();
        String from = record.path("hub").asText();
        synchronized (seen) {
            if (!seen.add(id)) {
                return;
            }
        }
        Instant expires = Records.instant(record.path("expires"));
        if (expires == null || expires.isBefore(Instant.now())) {
            LOG.info("Federation: a command from hub {} arrived after its expiry and was not run", from);
            return;
        }
        RemoteAnswer answer;
        try {
            answer = run(record);
        } catch (IllegalArgumentException e) {
            answer = RemoteAnswer.rejected(CommandRejectedException.Reason.UNSUPPORTED_COMMAND, e.getMessage());
        }
        outbox.offer(topics.replies(HubIds.check(from)), id, Records.reply(settings.hubId(), id, answer));
    }

    private RemoteAnswer run(JsonNode record) {
        RemoteCaller caller = Records.parseCaller(record.path("caller"));
        String from = record.path("hub").asText();
        ThingUID uid = ThingUID.parse(record.path("thingUID").asText());
        String channelId = record.path("channel").asText();
        Optional<Thing> thing = registry.get(uid).filter(share::shares)
                .filter(found -> registry.getSource(uid).flatMap(HubIds::hubOf).isEmpty());
        if (thing.isEmpty()) {
            return RemoteAnswer.rejected(CommandRejectedException.Reason.UNKNOWN_THING, "hub " + settings.hubId()
                    + " shares no thing " + uid);
        }
        if (!caller.role().includes(Role.OPERATOR)) {
            return RemoteAnswer.forbidden("commands need the operator role; " + caller.name() + " of hub "
                    + from + " is " + caller.role().id());
        }
        if (!grants.audience(caller.departments()).mayCommand(thing.get(), channelId)) {
            return RemoteAnswer.forbidden("departments " + caller.departments() + " may not command " + uid + ":"
                    + channelId + " on hub " + settings.hubId() + " (neither theirs nor granted with command)");
        }
        ChannelUID channel = new ChannelUID(uid, channelId);
        ChannelDefinition definition = registry.getThingType(uid).flatMap(type -> type.channel(channelId))
                .orElse(null);
        if (definition == null) {
            return RemoteAnswer.rejected(CommandRejectedException.Reason.UNKNOWN_CHANNEL, "thing " + uid
                    + " has no channel '" + channelId + "'");
        }
        Command command = StateJson.parseCommand(record.path("command"), definition.itemType());
        try {
            commands.sendCommand(channel, command);
            LOG.info("Federation: command {} to {} from {} of hub {} ({}, departments {})", command, channel,
                    caller.name(), from, caller.role().id(), caller.departments());
            return RemoteAnswer.accepted();
        } catch (CommandRejectedException e) {
            return RemoteAnswer.rejected(e.reason(), e.getMessage());
        }
    }

    /** Commands still waiting for an answer get none: the federation stops. */
    void close() {
        pending.values().forEach(waiting -> waiting.complete(RemoteAnswer.noAnswer("federation stopped")));
        pending.clear();
    }
}
