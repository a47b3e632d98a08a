package org.cityhub.binding.http.internal;

import java.time.Duration;

import org.cityhub.api.config.Parameter;

/**
 * The configuration of a thing that takes pushed documents, besides its channels.
 *
 * @param expectEvery how often documents are expected at least ({@code expectEverySeconds}; 0, the default, for
 *        no expectation)
 */
record IngestConfig(@Parameter("expectEverySeconds") Duration expectEvery) {
}
