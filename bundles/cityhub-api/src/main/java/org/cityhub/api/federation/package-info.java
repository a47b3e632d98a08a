/**
 * Federation: things of other hubs in this hub's registry, and commands to them. The hub's core keeps the remote
 * things ({@link RemoteThings}); a federation bundle brings them in from the other hubs and carries commands to the
 * hub that owns a thing ({@link RemoteCommands}).
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.api.federation;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
