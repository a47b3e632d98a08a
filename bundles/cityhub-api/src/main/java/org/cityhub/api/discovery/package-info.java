/**
 * Discovery: bindings report devices they find; the hub keeps them in an inbox until an integrator approves
 * (it becomes a managed thing), ignores or removes them.
 */
@Version("1.1.0")
@NonNullByDefault
package org.cityhub.api.discovery;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
