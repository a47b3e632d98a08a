/**
 * Channel states and commands.
 */
@Version("1.1.0")
@NonNullByDefault
package org.cityhub.api.types;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
