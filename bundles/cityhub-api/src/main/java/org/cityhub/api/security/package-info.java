/**
 * Who may do what: access tokens with a role and a department scope, and the audit trail of changes. Services
 * of the hub, used by the REST API, the console and bindings that accept pushed data.
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.api.security;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
