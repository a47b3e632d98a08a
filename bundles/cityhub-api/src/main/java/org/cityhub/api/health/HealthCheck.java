package org.cityhub.api.health;

/**
 * One aspect of the hub's health, now.
 *
 * @param name what is checked, e.g. {@code storage}
 * @param ready whether it lets the hub serve as it should
 * @param detail a sentence for people: what is fine or what is wrong
 * @param degraded whether the hub serves, but with something lost or missing that an admin should look at (a
 *        damaged file set aside, say); a degraded check is still ready
 */
public record HealthCheck(String name, boolean ready, String detail, boolean degraded) {

    /**
     * A check that is fine or not ready, never degraded.
     *
     * @param name what is checked
     * @param ready whether it lets the hub serve as it should
     * @param detail a sentence for people
     */
    public HealthCheck(String name, boolean ready, String detail) {
        this(name, ready, detail, false);
    }
}
