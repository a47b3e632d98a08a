/**
 * TLS and DTLS support for bindings: certificates, private and public keys read from the PEM text a thing's
 * configuration carries, with errors that name the parameter and never the key material. Part of the binding SDK.
 */
@Version("1.0.0")
@NonNullByDefault
package org.cityhub.api.tls;

import org.eclipse.jdt.annotation.NonNullByDefault;
import org.osgi.annotation.versioning.Version;
