package org.cityhub.binding.coap.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.cityhub.api.config.Parameter;

/**
 * A device's configuration besides its channels, read by the SDK's configuration reader; the key material is only
 * ever turned into {@link DtlsCredentials}, never shown.
 *
 * @param baseUri {@code coap://} or {@code coaps://} address of the device
 * @param pskIdentity the identity of a pre-shared key
 * @param pskKey the pre-shared key, as text or {@code 0x} hex
 * @param trustedCertificates PEM certificates of the authorities the device's certificate must chain to
 * @param serverPublicKey the device's raw public key (PEM)
 * @param clientCertificate the hub's certificate chain (PEM), with {@code clientKey}
 * @param clientKey the hub's private key (PEM, PKCS#8)
 * @param pollInterval how often resources that cannot be observed are asked ({@code pollSeconds})
 * @param maxPayloadKilobytes the largest payload read
 */
record DeviceConfig(URI baseUri, Optional<String> pskIdentity, Optional<String> pskKey,
        Optional<String> trustedCertificates, Optional<String> serverPublicKey, Optional<String> clientCertificate,
        Optional<String> clientKey, @Parameter("pollSeconds") Duration pollInterval, int maxPayloadKilobytes) {

    @Override
    public String toString() {
        return "device " + baseUri;
    }
}
