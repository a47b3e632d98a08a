/**
 * The thing/channel model: identifiers, things, thing types, statuses and the hub's registries.
 */
@Version("2.3.0")
@NonNullByDefault
package org.cityhub.api.thing;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
