package org.cityhub.rules.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;

/** What a rule does. */
sealed interface Action {

    /** Where in the rule's document it is. */
    String pointer();

    /** The things it acts on. */
    default Set<ThingUID> things() {
        return Set.of();
    }

    /** Sends a command to a channel; the command is read by the channel's item type when the rule is checked. */
    record SendCommand(String pointer, ChannelUID channel, JsonNode command) implements Action {
        @Override
        public Set<ThingUID> things() {
            return Set.of(channel.thingUID());
        }
    }

    /**
     * Publishes a city event, {@code cityhub/city/{department}/{name}}, once for each department it is addressed
     * to; event streams of those departments and their rules follow it.
     */
    record PublishEvent(String pointer, List<String> to, String name, String message, @Nullable JsonNode data)
            implements Action {
    }

    /** Calls an outside web service under the outbound policy. */
    record Webhook(String pointer, URI url, String method, @Nullable JsonNode body, Duration timeout) implements Action {
    }

    /** Enables or disables a managed thing of the rule's department. */
    record EnableThing(String pointer, ThingUID thing, boolean enabled) implements Action {
        @Override
        public Set<ThingUID> things() {
            return Set.of(thing);
        }
    }
}
