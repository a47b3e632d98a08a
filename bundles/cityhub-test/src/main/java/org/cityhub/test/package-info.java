/**
 * The binding SDK's test kit: run a handler in a plain JUnit test, without OSGi, with a controllable clock.
 */
@Version("1.3.0")
@NonNullByDefault
package org.cityhub.test;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
