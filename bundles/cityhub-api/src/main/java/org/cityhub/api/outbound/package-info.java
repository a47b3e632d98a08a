/**
 * The hub's outbound policy: which hosts and addresses bindings may connect to. A binding asks the
 * {@link org.cityhub.api.outbound.OutboundPolicy} service before every connection it opens (and every redirect it
 * follows) and reports a refusal as {@code OFFLINE / CONFIGURATION_ERROR} with the refusal's message. Part of the
 * binding SDK.
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.api.outbound;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
