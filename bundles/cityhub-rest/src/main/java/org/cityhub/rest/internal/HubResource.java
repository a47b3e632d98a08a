package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.federation.FederationState;
import org.cityhub.api.federation.FederationStatus;
import org.cityhub.api.federation.HubInfo;
import org.cityhub.api.security.Role;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /api/hubs}: this hub's federation and the other hubs it has heard of. */
final class HubResource {

    private final Supplier<Optional<FederationStatus>> federation;

    HubResource(Supplier<Optional<FederationStatus>> federation) {
        this.federation = federation;
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/hubs", Access.hub(Role.VIEWER), "This hub's federation and the other hubs:"
                + " alive or not, last heard of, things, lag", this::hubs));
    }

    private void hubs(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        ObjectNode body = Json.object();
        Optional<FederationStatus> running = federation.get();
        if (running.isEmpty()) {
            body.put("federation", "off").putArray("hubs");
            JsonBodies.write(response, 200, body);
            return;
        }
        FederationState state = running.get().state();
        body.put("federation", "on");
        ObjectNode self = body.putObject("hub").put("id", state.hubId()).put("bootstrapServers",
                state.bootstrapServers()).put("topicPrefix", state.topicPrefix()).put("state", state.phase())
                .put("sharedThings", state.sharedThings()).put("waiting", state.waiting()).put("sent", state.sent())
                .put("dropped", state.dropped()).put("received", state.received())
                .put("unreadable", state.unreadable());
        if (state.trouble() != null) {
            self.put("trouble", state.trouble());
        }
        for (HubInfo hub : running.get().hubs()) {
            ObjectNode node = body.withArray("hubs").addObject().put("id", hub.id()).put("alive", hub.alive())
                    .put("stopped", hub.stopped()).put("sharedThings", hub.sharedThings())
                    .put("thingsHere", hub.thingsHere());
            if (hub.started() != null) {
                node.put("started", hub.started().toString());
            }
            if (hub.lastHeard() != null) {
                node.put("lastHeard", hub.lastHeard().toString());
            }
            if (hub.lagMillis() >= 0) {
                node.put("lagMillis", hub.lagMillis());
            }
        }
        body.withArray("hubs");
        JsonBodies.write(response, 200, body);
    }
}
