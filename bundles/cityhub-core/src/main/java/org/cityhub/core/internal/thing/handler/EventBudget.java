package org.cityhub.core.internal.thing.handler;

/**
 * How many state events one thing may publish per second. Past the budget its states are still recorded, but
 * not published until the next second, so a flooding handler fills only its own cache and cannot crowd the bus.
 * Not thread-safe: used under its callback's lock.
 */
final class EventBudget {

    /** What to do with one state update. */
    enum Decision {
        PUBLISH,
        /** Withhold it, and log: the first withheld in this second. */
        WITHHOLD_AND_WARN,
        WITHHOLD
    }

    private final int perSecond;
    private long second;
    private int used;
    private long withheld;

    EventBudget(int perSecond) {
        this.perSecond = perSecond;
    }

    Decision decide(long nowMillis) {
        long now = nowMillis / 1000;
        if (now != second) {
            second = now;
            used = 0;
        }
        if (used < perSecond) {
            used++;
            return Decision.PUBLISH;
        }
        withheld++;
        used++;
        return used == perSecond + 1 ? Decision.WITHHOLD_AND_WARN : Decision.WITHHOLD;
    }

    /** State events withheld since the handler started. */
    long withheld() {
        return withheld;
    }
}
