/**
 * What a binding implements: handler factories and handlers, and the callback the hub gives them.
 */
@Version("2.0.0")
@NonNullByDefault
package org.cityhub.api.binding;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
