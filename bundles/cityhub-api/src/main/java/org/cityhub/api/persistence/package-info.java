/**
 * Channel history: the {@link org.cityhub.api.persistence.PersistenceService stores} that keep every channel's
 * past states (an embedded one by default, PostgreSQL for a city; more can be added as bundles) and the hub's
 * {@link org.cityhub.api.persistence.ChannelHistory query service} that REST, the console and rules read them
 * through.
 *
 * @since API 2.2
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.api.persistence;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
