package org.cityhub.binding.http.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.binding.BaseThingHandler;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.Command;
import org.cityhub.api.types.Refresh;
import org.cityhub.transform.StateText;
import org.cityhub.transform.TransformationException;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the http binding's things share: channels read from documents by transform chains, commands sent as
 * templated requests through the endpoint, and answers handed back to the thing's own strand.
 */
abstract class HttpThingHandler extends BaseThingHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HttpThingHandler.class);

    private volatile boolean disposed;
    private ChannelMapping mapping = ChannelMapping.NONE;
    private Map<String, CommandTemplate> commands = Map.of();

    HttpThingHandler(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    /**
     * Reads the thing's channels: their transform chains and, for writable ones, their commands.
     *
     * @param defaultCommandPath where commands go when a channel names no {@code commandPath}, or {@code null}
     * @return whether they are all well-formed; if not, the thing is {@code OFFLINE / CONFIGURATION_ERROR} saying why
     */
    protected boolean readChannels(@Nullable String defaultCommandPath) {
        List<String> problems = new ArrayList<>();
        try {
            mapping = ChannelMapping.of(thingType(), this::channelSettings);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Map<String, CommandTemplate> templates = new LinkedHashMap<>();
        for (ChannelDefinition channel : thingType().channels()) {
            if (channel.readOnly()) {
                continue;
            }
            try {
                CommandTemplate.of(channelSettings(channel.id()), defaultCommandPath)
                        .ifPresentOrElse(template -> templates.put(channel.id(), template),
                                () -> problems.add("channel " + channel.id() + " is writable but has no commandPath"));
            } catch (IllegalArgumentException e) {
                problems.add("channel " + channel.id() + ": " + e.getMessage());
            }
        }
        commands = templates;
        if (!problems.isEmpty()) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, String.join("; ", problems));
            return false;
        }
        return true;
    }

    protected ChannelMapping mapping() {
        return mapping;
    }

    /**
     * Reports what a document gave: states and trigger events, and each channel that could not be read as refused
     * input (a channel the document says nothing of, too, where {@code absentIsError}).
     */
    protected void apply(ChannelMapping.Result result, boolean absentIsError) {
        result.states().forEach(this::updateState);
        result.events().forEach(this::triggerChannel);
        result.problems().forEach(this::refuseInput);
        if (absentIsError) {
            result.absent().forEach(channel -> refuseInput(channel, "the answer holds no value for it"));
        }
    }

    /** Continues on the thing's own strand, unless the handler has been disposed meanwhile. */
    protected void handBack(Runnable work) {
        if (!disposed) {
            scheduler().execute(() -> {
                if (!disposed) {
                    work.run();
                }
            });
        }
    }

    protected boolean disposed() {
        return disposed;
    }

    /** The endpoint this thing goes through. */
    protected Optional<EndpointHandler> endpoint() {
        return bridgeHandler(EndpointHandler.class).filter(EndpointHandler::ready);
    }

    /** The values a command's path, body and headers may name, beyond {@code {value}}. */
    protected Map<String, String> placeholders(ChannelUID channel) {
        return Map.of("thing", thing().uid().id(), "channel", channel.channelId());
    }

    /** Asks for fresh values (a REFRESH command). */
    protected abstract void refresh();

    @Override
    public void handleCommand(ChannelUID channel, Command command) {
        if (command == Refresh.REFRESH) {
            refresh();
            return;
        }
        CommandTemplate template = commands.get(channel.channelId());
        Optional<EndpointHandler> endpoint = endpoint();
        if (template == null || endpoint.isEmpty()) {
            LOG.warn("thing {}: command {} to {} not sent: {}", thing().uid(), command, channel.channelId(),
                    template == null ? "the channel has no command settings" : "its endpoint is not ready");
            return;
        }
        DepartmentClient.Request request;
        try {
            request = template.request(command, placeholders(channel));
        } catch (TransformationException e) {
            LOG.warn("thing {}: command {} to {} not sent: {}", thing().uid(), command, channel.channelId(),
                    e.getMessage());
            return;
        }
        endpoint.get().client().send(request).whenComplete((answer, failure) -> handBack(
                () -> commandDone(channel.channelId(), command, answer, failure)));
    }

    private void commandDone(String channelId, Command command, @Nullable Answer answer, @Nullable Throwable failure) {
        if (failure != null || answer == null || !answer.successful()) {
            LOG.warn("thing {}: command {} to {} failed: {}", thing().uid(), command, channelId,
                    failure != null ? RequestFailed.reason(failure) : "HTTP " + answer.status());
            return;
        }
        thingType().channel(channelId).flatMap(channel -> StateText.assumedState(command, channel))
                .ifPresent(state -> updateState(channelId, state));
    }

    @Override
    public void dispose() {
        disposed = true;
    }
}
