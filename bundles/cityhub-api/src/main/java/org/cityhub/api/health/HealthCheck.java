package org.cityhub.api.health;

/**
 * One aspect of the hub's health, now.
 *
 * @param name what is checked, e.g. {@code storage}
 * @param ready whether it lets the hub serve as it should
 * @param detail a sentence for people: what is fine or what is wrong
 */
public record HealthCheck(String name, boolean ready, String detail) {
}
