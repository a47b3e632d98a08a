/**
 * Metrics that hub parts and bindings contribute to {@code /api/metrics} and the console's statistics.
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.api.metrics;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
