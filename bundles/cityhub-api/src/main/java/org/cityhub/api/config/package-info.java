/**
 * Configuration as the model defines it: checking a thing's configuration against its type's parameters, the
 * channels generic thing types define in their configuration, reading it into a typed record, durations as
 * people type them, and keeping a component running on a bad configuration value. Part of the binding SDK.
 */
@Version("1.2.0")
@NonNullByDefault
package org.cityhub.api.config;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
