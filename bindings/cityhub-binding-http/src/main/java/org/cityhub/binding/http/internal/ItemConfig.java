package org.cityhub.binding.http.internal;

/**
 * An item's configuration besides its channels.
 *
 * @param resource the UID of the {@code http:resource} whose list holds the item
 * @param key the item's key in that list
 */
record ItemConfig(String resource, String key) {
}
