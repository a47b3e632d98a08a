/**
 * The hub's event bus: events, topics, filters and subscriptions.
 */
@Version("1.4.0")
@NonNullByDefault
package org.cityhub.api.event;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
