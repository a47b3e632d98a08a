/**
 * Running the hub: the installed bindings as a managed resource (list, install, update, uninstall), access tokens,
 * the audit trail of changes, and backup and restore. Services of the hub, used by the REST API and the console;
 * bindings have no need of them.
 */
@Version("1.1.0")
@NonNullByDefault
package org.cityhub.api.admin;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
