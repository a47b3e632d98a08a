package org.cityhub.binding.http.internal;

import java.time.Duration;
import java.util.Optional;

import org.cityhub.api.config.Parameter;

/**
 * A polled resource's configuration besides its channels.
 *
 * @param path where it is, relative to its endpoint's base URL and under it
 * @param interval how often it is asked ({@code intervalSeconds}, default 60)
 * @param itemsPath where the list of items is, for resources that feed {@code http:item} things
 * @param itemKey where each item's key is (default {@code $.id})
 */
record ResourceConfig(String path, @Parameter("intervalSeconds") Duration interval, Optional<String> itemsPath,
        String itemKey) {

    /** @throws IllegalArgumentException if the path leaves the endpoint's base URL */
    ResourceConfig {
        EndpointPaths.checkRelative("path", path);
    }
}
