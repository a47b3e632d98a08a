package org.cityhub.api.admin;

/**
 * An installed binding.
 *
 * @param id the binding id, the first segment of its things' UIDs
 * @param bundle the bundle's symbolic name
 * @param version the bundle's version
 * @param state the bundle's state: {@code ACTIVE}, {@code RESOLVED}, {@code INSTALLED}, …
 * @param updating whether an update is under way
 * @param thingsHandled things of this binding whose handler runs
 * @param thingsWaiting things of this binding waiting for a handler
 */
public record BindingInfo(String id, String bundle, String version, String state, boolean updating, int thingsHandled,
        int thingsWaiting) {
}
