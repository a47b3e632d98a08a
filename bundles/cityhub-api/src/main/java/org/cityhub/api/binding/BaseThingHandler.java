package org.cityhub.api.binding;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.config.ConfigReader;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.ParameterType;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.types.State;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What most handlers extend: holds the thing and the callback and offers short ways to report.
 */
@ConsumerType
public abstract class BaseThingHandler implements ThingHandler {

    private final Thing thing;
    private final ThingHandlerCallback callback;

    protected BaseThingHandler(Thing thing, ThingHandlerCallback callback) {
        this.thing = thing;
        this.callback = callback;
    }

    @Override
    public Thing thing() {
        return thing;
    }

    /** Does nothing; override to release resources. Scheduled tasks are cancelled by the hub. */
    @Override
    public void dispose() {
    }

    /** The UID of one of this thing's channels. */
    protected ChannelUID channel(String channelId) {
        return thing.uid().channel(channelId);
    }

    /** Reports a channel's new state. */
    protected void updateState(String channelId, State state) {
        callback.stateUpdated(channel(channelId), state);
    }

    /** Reports the thing's status without detail. */
    protected void updateStatus(ThingStatus status) {
        callback.statusUpdated(ThingStatusInfo.of(status));
    }

    /** Reports the thing's status with its reason. */
    protected void updateStatus(ThingStatus status, ThingStatusDetail detail, @Nullable String message) {
        callback.statusUpdated(ThingStatusInfo.of(status, detail, message));
    }

    /** Reports input of the device that could not be used for any one channel (see {@link ThingHandlerCallback#inputRefused}). */
    protected void refuseInput(String reason) {
        callback.inputRefused(null, reason);
    }

    /** Reports input for one channel that could not be used (see {@link ThingHandlerCallback#inputRefused}). */
    protected void refuseInput(String channelId, String reason) {
        callback.inputRefused(channel(channelId), reason);
    }

    /** Fires an event on a trigger channel. */
    protected void triggerChannel(String channelId, String event) {
        callback.channelTriggered(channel(channelId), event);
    }

    /** The thing's type, with the channels the thing defines itself (see {@link ParameterType#CHANNELS}). */
    protected ThingType thingType() {
        return callback.thingType();
    }

    /**
     * The entry with which the thing defines one of its own channels, in a parameter of type
     * {@link ParameterType#CHANNELS}: {@code id}, {@code itemType} and the binding's own keys (a JSON path, a
     * topic). Empty for a channel of the type itself, or an unknown one.
     */
    protected Map<String, Object> channelSettings(String channelId) {
        for (ConfigParameter parameter : thingType().parameters()) {
            if (parameter.type() == ParameterType.CHANNELS
                    && thing.configuration().get(parameter.name()) instanceof List<?> entries) {
                for (Object entry : entries) {
                    if (entry instanceof Map<?, ?> settings && channelId.equals(settings.get("id"))) {
                        Map<String, Object> copy = new LinkedHashMap<>();
                        settings.forEach((key, value) -> copy.put(String.valueOf(key), value));
                        return Collections.unmodifiableMap(copy);
                    }
                }
            }
        }
        return Map.of();
    }

    /**
     * The thing's configuration read into a typed record (see {@link ConfigReader}). If it cannot be read, the thing
     * is reported {@code OFFLINE / CONFIGURATION_ERROR} with every parameter that is wrong, and the answer is empty:
     * {@code initialize()} then simply returns.
     *
     * @param <R> the record type
     * @param type the binding's configuration record for this thing type
     * @return the configuration, or empty if it is wrong (the status says why)
     */
    protected <R extends Record> Optional<R> configuration(Class<R> type) {
        try {
            return Optional.of(ConfigReader.read(thing.configuration(), type));
        } catch (IllegalArgumentException e) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, e.getMessage());
            return Optional.empty();
        }
    }

    /** Where to schedule periodic and delayed work. */
    protected HandlerScheduler scheduler() {
        return callback.scheduler();
    }

    /**
     * The handler of this thing's bridge, if it is of the expected class (e.g. the binding's broker handler).
     */
    protected <T> Optional<T> bridgeHandler(Class<T> type) {
        return callback.bridgeHandler().filter(type::isInstance).map(type::cast);
    }

    /** The hub's clock. */
    protected Clock clock() {
        return callback.scheduler().clock();
    }
}
