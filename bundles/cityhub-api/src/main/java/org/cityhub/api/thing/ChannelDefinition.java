package org.cityhub.api.thing;

import org.cityhub.api.i18n.Labels;
import org.cityhub.api.types.ItemType;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A channel as a thing type declares it.
 *
 * @param id the channel id, unique within the thing type
 * @param label a name for people
 * @param itemType what the channel holds; for a trigger channel, ignored
 * @param unit the unit of a number channel, or {@code null}
 * @param readOnly {@code true} if the channel takes no command but {@code REFRESH}
 * @param kind state or trigger
 * @param labels the channel's name in other languages besides {@code label}
 * @param range the values a number channel takes ({@link NumberRange#ANY} for any, and always for other channels)
 */
public record ChannelDefinition(String id, String label, ItemType itemType, @Nullable String unit, boolean readOnly,
        ChannelKind kind, Labels labels, NumberRange range) {

    /** A channel that takes any value of its item type. */
    public ChannelDefinition(String id, String label, ItemType itemType, @Nullable String unit, boolean readOnly,
            ChannelKind kind, Labels labels) {
        this(id, label, itemType, unit, readOnly, kind, labels, NumberRange.ANY);
    }

    /** A channel named in the default language only. */
    public ChannelDefinition(String id, String label, ItemType itemType, @Nullable String unit, boolean readOnly,
            ChannelKind kind) {
        this(id, label, itemType, unit, readOnly, kind, Labels.NONE);
    }

    public ChannelDefinition {
        labels = labels == null ? Labels.NONE : labels;
        range = range == null ? NumberRange.ANY : range;
        UidSegments.check("channel id", id);
        if (label == null || label.isBlank()) {
            label = id;
        }
        if (itemType == null || kind == null) {
            throw new IllegalArgumentException("channel " + id + ": missing item type or kind");
        }
        if (!range.equals(NumberRange.ANY) && itemType != ItemType.NUMBER) {
            throw new IllegalArgumentException("channel " + id + ": only a number channel has a range (min, max,"
                    + " step); this one is " + itemType.id());
        }
    }
}
