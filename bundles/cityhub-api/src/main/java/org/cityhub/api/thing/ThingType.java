package org.cityhub.api.thing;

import java.util.List;
import java.util.Optional;

import org.cityhub.api.i18n.Labels;

/**
 * A kind of thing a binding handles, as its descriptor declares it.
 *
 * @param uid the type's UID
 * @param label a name for people
 * @param description what the type is, for people
 * @param bridge {@code true} if other things go through things of this type
 * @param supportedBridgeTypes the bridge types a thing of this type may go through; empty if it needs none
 * @param parameters the configuration parameters
 * @param channels the channels every thing of this type has
 * @param labels the type's name in other languages besides {@code label}
 */
public record ThingType(ThingTypeUID uid, String label, String description, boolean bridge,
        List<ThingTypeUID> supportedBridgeTypes, List<ConfigParameter> parameters, List<ChannelDefinition> channels,
        Labels labels) {

    /** A type named in the default language only. */
    public ThingType(ThingTypeUID uid, String label, String description, boolean bridge,
            List<ThingTypeUID> supportedBridgeTypes, List<ConfigParameter> parameters,
            List<ChannelDefinition> channels) {
        this(uid, label, description, bridge, supportedBridgeTypes, parameters, channels, Labels.NONE);
    }

    public ThingType {
        labels = labels == null ? Labels.NONE : labels;
        if (uid == null) {
            throw new IllegalArgumentException("missing thing type UID");
        }
        label = label == null || label.isBlank() ? uid.toString() : label;
        description = description == null ? "" : description;
        supportedBridgeTypes = supportedBridgeTypes == null ? List.of() : List.copyOf(supportedBridgeTypes);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        channels = channels == null ? List.of() : List.copyOf(channels);
        if (channels.stream().map(ChannelDefinition::id).distinct().count() != channels.size()) {
            throw new IllegalArgumentException("thing type " + uid + ": channel ids must be unique");
        }
        if (parameters.stream().map(ConfigParameter::name).distinct().count() != parameters.size()) {
            throw new IllegalArgumentException("thing type " + uid + ": parameter names must be unique");
        }
    }

    /** A type with channels only: no parameters, no bridge. */
    public static ThingType of(ThingTypeUID uid, String label, List<ChannelDefinition> channels) {
        return new ThingType(uid, label, "", false, List.of(), List.of(), channels, Labels.NONE);
    }

    /** The channel with the given id. */
    public Optional<ChannelDefinition> channel(String channelId) {
        return channels.stream().filter(c -> c.id().equals(channelId)).findFirst();
    }

    /** The parameter with the given name. */
    public Optional<ConfigParameter> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
