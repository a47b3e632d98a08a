package org.cityhub.api.thing;

/** Why a thing has its status. */
public enum ThingStatusDetail {
    NONE,
    /** No installed binding handles the thing's type. */
    HANDLER_MISSING,
    /** The handler failed while it was being created or initialised. */
    HANDLER_INITIALIZING_ERROR,
    /** A call to the handler did not return in time; the call was abandoned. */
    HANDLER_NOT_RESPONDING,
    /** The running handler threw while handling a command or a scheduled task; the message has the exception. */
    HANDLER_ERROR,
    /** The thing's configuration is wrong; the message says what. */
    CONFIGURATION_ERROR,
    /** The device or system could not be reached or answered wrongly. */
    COMMUNICATION_ERROR,
    /** The bridge this thing goes through is offline. */
    BRIDGE_OFFLINE,
    /** The bridge this thing goes through has no running handler. */
    BRIDGE_UNINITIALIZED,
    /** An integrator disabled the thing. */
    DISABLED,
    /**
     * The device is no longer there: the gateway or service it was found through no longer lists it.
     *
     * @since 2.2
     */
    GONE,
    /**
     * The thing belongs to another hub of the federation, which has stopped answering or was cut off; its last
     * states are kept until it comes back.
     *
     * @since 2.3
     */
    HUB_OFFLINE
}
