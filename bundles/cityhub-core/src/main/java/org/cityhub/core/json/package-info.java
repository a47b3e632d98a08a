/**
 * The hub's JSON shapes of things, states, commands and statuses (DECISIONS.md), shared by the hub's own
 * bundles so that REST bodies, thing files and event payloads agree. Not part of the binding SDK.
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.core.json;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
