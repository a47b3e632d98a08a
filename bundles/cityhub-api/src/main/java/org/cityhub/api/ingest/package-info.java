/**
 * Data that department systems push to the hub ({@code POST /api/ingest}): bindings contribute the mapping from
 * a pushed document to channel states.
 */
@Version("1.1.0")
@NonNullByDefault
package org.cityhub.api.ingest;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
