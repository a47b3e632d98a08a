/**
 * Backup and restore of what the hub keeps: managed things, ignored inbox entries, CityHub configurations.
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.api.backup;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
