package org.cityhub.api.event;

import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingUID;

/** The hub's topics and event types, built in one place so that publishers and subscribers agree. */
public final class EventTopics {

    public static final String PREFIX = "cityhub/";

    public static final String TYPE_ADDED = "added";
    public static final String TYPE_UPDATED = "updated";
    public static final String TYPE_REMOVED = "removed";
    public static final String TYPE_STATUS = "status";
    public static final String TYPE_STATE = "state";
    public static final String TYPE_COMMAND = "command";
    public static final String TYPE_TRIGGER = "trigger";
    public static final String TYPE_INSTALLED = "installed";
    public static final String TYPE_UNINSTALLED = "uninstalled";
    /** A grant reached its expiry. @since 1.3 */
    public static final String TYPE_EXPIRED = "expired";

    private EventTopics() {
    }

    /** {@code cityhub/things/{thingUID}/{type}} for added, updated, removed and status. */
    public static String thing(ThingUID thing, String type) {
        return PREFIX + "things/" + thing + "/" + type;
    }

    /** {@code cityhub/things/{thingUID}/channels/{channel}/{type}} for state, command and trigger. */
    public static String channel(ChannelUID channel, String type) {
        return PREFIX + "things/" + channel.thingUID() + "/channels/" + channel.channelId() + "/" + type;
    }

    /** {@code cityhub/inbox/{thingUID}/{type}} for added and removed inbox entries. */
    public static String inbox(ThingUID thing, String type) {
        return PREFIX + "inbox/" + thing + "/" + type;
    }

    /** {@code cityhub/tokens/{name}/{type}} for added and removed (revoked) access tokens. */
    public static String token(String name, String type) {
        return PREFIX + "tokens/" + name + "/" + type;
    }

    /**
     * {@code cityhub/grants/{id}/{type}} for added, removed (revoked) and expired grants.
     *
     * @since 1.3
     */
    public static String grant(String id, String type) {
        return PREFIX + "grants/" + id + "/" + type;
    }

    /**
     * {@code cityhub/households/{id}/{type}} for added, updated and removed households.
     *
     * @since 1.4
     */
    public static String household(String id, String type) {
        return PREFIX + "households/" + id + "/" + type;
    }

    /** {@code cityhub/bindings/{binding}/{type}} for installed, updated and uninstalled. */
    public static String binding(String bindingId, String type) {
        return PREFIX + "bindings/" + bindingId + "/" + type;
    }
}
