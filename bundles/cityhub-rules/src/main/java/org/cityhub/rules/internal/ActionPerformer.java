package org.cityhub.rules.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.cityhub.api.admin.AuditEntry;
import org.cityhub.api.admin.AuditLog;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.thing.CommandRejectedException;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingCommands;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.types.Command;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Carries out one action of a firing, as the rule's department: commands only what it may command now (a grant
 * revoked a moment ago counts), webhooks only where the outbound policy lets the hub go. Commands and thing changes
 * go to the audit trail as {@code rule:ID}, naming the grant a command goes through.
 */
final class ActionPerformer {

    /** An action that could not be carried out; the message says why. */
    static class ActionFailed extends Exception {
        private static final long serialVersionUID = 1L;

        ActionFailed(String message) {
            super(message);
        }
    }

    private final ThingRegistry things;
    private final ThingCommands commands;
    private final ManagedThings managed;
    private final Grants grants;
    private final EventBus bus;
    private final OutboundPolicy outbound;
    private final AuditLog audit;
    private final HttpClient http;

    ActionPerformer(ThingRegistry things, ThingCommands commands, ManagedThings managed, Grants grants, EventBus bus,
            OutboundPolicy outbound, AuditLog audit, HttpClient http) {
        this.things = things;
        this.commands = commands;
        this.managed = managed;
        this.grants = grants;
        this.bus = bus;
        this.outbound = outbound;
        this.audit = audit;
        this.http = http;
    }

    /** Carries the action out; returns what it did, for the fired event. */
    String perform(Firing firing, Action action) throws ActionFailed, InterruptedException {
        RuleCheck.Checked checked = firing.rule().checked();
        if (checked == null) {
            throw new ActionFailed("the rule is refused");
        }
        if (action instanceof Action.SendCommand send) {
            return command(firing, send, checked.commands().get(send.pointer()));
        }
        if (action instanceof Action.PublishEvent publish) {
            return publish(firing, publish);
        }
        if (action instanceof Action.Webhook webhook) {
            return call(firing, webhook);
        }
        return enable(firing, (Action.EnableThing) action);
    }

    /** What the action would do, for the dry run. */
    static String describe(RuleCheck.Checked checked, Action action) {
        if (action instanceof Action.SendCommand send) {
            return "send " + checked.commands().get(send.pointer()) + " to " + send.channel();
        }
        if (action instanceof Action.PublishEvent publish) {
            return "publish city event '" + publish.name() + "' to " + recipients(checked.rule(), publish);
        }
        if (action instanceof Action.Webhook webhook) {
            return webhook.method() + " " + webhook.url();
        }
        Action.EnableThing enable = (Action.EnableThing) action;
        return (enable.enabled() ? "enable " : "disable ") + enable.thing();
    }

    private String command(Firing firing, Action.SendCommand send, Command command) throws ActionFailed {
        Rule rule = firing.rule().rule();
        Audience audience = grants.audience(DepartmentScope.parse(rule.department()));
        Thing thing = things.get(send.channel().thingUID()).filter(audience::sees).orElseThrow(() -> new ActionFailed(
                "department '" + rule.department() + "' no longer sees " + send.channel().thingUID()));
        if (!audience.mayCommand(thing, send.channel().channelId())) {
            throw new ActionFailed("department '" + rule.department() + "' may no longer command " + send.channel());
        }
        Optional<Grant> grant = audience.commandGrant(thing, send.channel().channelId());
        String detail = "command " + command + grant.map(g -> " through grant " + g.id()).orElse("");
        try {
            commands.sendCommand(send.channel(), command);
        } catch (CommandRejectedException e) {
            record(firing, "command", send.channel().toString(), detail, "failed: " + e.getMessage());
            throw new ActionFailed(send.channel() + " refused " + command + ": " + e.getMessage());
        }
        record(firing, "command", send.channel().toString(), detail, "ok");
        return "sent " + command + " to " + send.channel() + grant.map(g -> " through grant " + g.id()).orElse("");
    }

    private String publish(Firing firing, Action.PublishEvent publish) {
        Rule rule = firing.rule().rule();
        List<String> to = recipients(rule, publish);
        for (String department : to) {
            ObjectNode payload = Json.object().put("name", publish.name()).put("department", department)
                    .put("message", firing.fill(publish.message()));
            payload.putObject("from").put("department", rule.department()).put("rule", rule.id());
            if (publish.data() != null) {
                payload.set("data", publish.data());
            }
            payload.set("cause", firing.cause());
            bus.publish("cityhub/city/" + department + "/" + publish.name(), "city", Json.toText(payload),
                    "rule:" + rule.id(), department);
        }
        return "published '" + publish.name() + "' to " + to;
    }

    private static List<String> recipients(Rule rule, Action.PublishEvent publish) {
        return publish.to().isEmpty() ? List.of(rule.department()) : publish.to();
    }

    private String call(Firing firing, Action.Webhook webhook) throws ActionFailed, InterruptedException {
        try {
            outbound.admit(webhook.url());
        } catch (IOException e) {
            throw new ActionFailed(e.getMessage());
        }
        ObjectNode body = Json.object().put("rule", firing.rule().id()).put("department", firing.rule().rule()
                .department()).put("at", firing.at().toString());
        body.set("cause", firing.cause());
        String text = Json.toText(webhook.body() != null ? webhook.body() : body);
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url()).timeout(webhook.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "CityHub rule " + firing.rule().id());
        request = webhook.method().equals("GET") ? request.GET()
                : request.method(webhook.method(), HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= 300) {
                throw new ActionFailed(webhook.method() + " " + webhook.url() + " answered " + response.statusCode());
            }
            return webhook.method() + " " + webhook.url() + ": " + response.statusCode();
        } catch (IOException e) {
            throw new ActionFailed(webhook.method() + " " + webhook.url() + " failed: " + e);
        }
    }

    private String enable(Firing firing, Action.EnableThing enable) throws ActionFailed {
        String detail = "enabled=" + enable.enabled();
        try {
            managed.setEnabled(enable.thing(), enable.enabled());
        } catch (ThingChangeException e) {
            record(firing, "enable", enable.thing().toString(), detail, "failed: " + e.getMessage());
            throw new ActionFailed(enable.thing() + " could not be " + (enable.enabled() ? "enabled" : "disabled")
                    + ": " + e.getMessage());
        }
        record(firing, "enable", enable.thing().toString(), detail, "ok");
        return (enable.enabled() ? "enabled " : "disabled ") + enable.thing();
    }

    private void record(Firing firing, String action, String target, String detail, String outcome) {
        audit.record(new AuditEntry(Instant.now(), "rule:" + firing.rule().id(), "rules", "rule " + action, target,
                detail, outcome));
    }
}
