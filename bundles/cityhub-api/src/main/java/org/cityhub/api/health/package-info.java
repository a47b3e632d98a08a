/**
 * Health: checks that hub parts and bindings contribute to readiness ({@code /api/health}, {@code cityhub:status}).
 */
@Version("1.1.0")
@NonNullByDefault
package org.cityhub.api.health;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
