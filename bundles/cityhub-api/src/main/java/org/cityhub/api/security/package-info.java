/**
 * Who may see what: roles and the departments a caller's access is scoped to. The tokens that carry them are
 * managed through {@code org.cityhub.api.admin}.
 */
@Version("2.1.0")
@NonNullByDefault
package org.cityhub.api.security;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
