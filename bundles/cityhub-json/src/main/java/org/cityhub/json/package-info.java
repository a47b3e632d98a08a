/**
 * The model's JSON form: one schema for REST bodies, thing files, console output and backups
 * ({@code shared/DECISIONS.md}, "JSON shapes"). Writers return Jackson trees; parsers throw
 * {@link java.lang.IllegalArgumentException} with a message that names the field and what was wrong, ready to be
 * shown to whoever sent it. Used by the hub's bundles; not part of the binding SDK.
 */
@Version("1.4.0")
@NonNullByDefault
package org.cityhub.json;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
