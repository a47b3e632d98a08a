/**
 * Checks of the hub components' configuration values, shared by the hub's bundles. Not part of the binding SDK.
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.core.config;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
