/**
 * The installed bindings as a managed resource: list, install, update and uninstall them while the hub runs.
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.api.bindings;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
