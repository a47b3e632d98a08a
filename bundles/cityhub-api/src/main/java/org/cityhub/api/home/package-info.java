/**
 * Homes: households, which own the devices in residents' flats next to the departments that own the city's, and
^ * whose consents (grants from a household, see {@code org.cityhub.api.sharing}) decide which department sees
 * which of them.
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.api.home;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
