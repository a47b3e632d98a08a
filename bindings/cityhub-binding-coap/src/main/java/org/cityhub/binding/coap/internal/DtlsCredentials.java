package org.cityhub.binding.coap.internal;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import org.cityhub.api.tls.PemMaterial;
import org.eclipse.jdt.annotation.Nullable;

/**
 * How a {@code coaps://} device and the hub prove themselves: a pre-shared key, and/or the device's certificate
 * (checked against trusted authorities) or raw public key (checked against the one configured), optionally with a
 * client certificate of the hub's. Read from the thing's configuration; {@link #toString()} shows no secret.
 */
record DtlsCredentials(@Nullable String pskIdentity, byte @Nullable [] pskKey, List<X509Certificate> trusted,
        @Nullable PublicKey serverPublicKey, @Nullable PrivateKey clientKey, List<X509Certificate> clientChain) {

    /**
     * The credentials a device's configuration names.
     *
     * @throws IllegalArgumentException if they are incomplete or unreadable, naming the setting
     */
    static DtlsCredentials of(DeviceConfig device) {
        String identity = device.pskIdentity().orElse(null);
        String key = device.pskKey().orElse(null);
        if ((identity == null) != (key == null)) {
            throw new IllegalArgumentException("pskIdentity and pskKey go together; one of them is missing");
        }
        String authorities = device.trustedCertificates().orElse(null);
        String publicKey = device.serverPublicKey().orElse(null);
        String clientCertificate = device.clientCertificate().orElse(null);
        String clientKey = device.clientKey().orElse(null);
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new IllegalArgumentException("clientCertificate and clientKey go together; one of them is missing");
        }
        if (identity == null && authorities == null && publicKey == null) {
            throw new IllegalArgumentException("coaps:// needs pskIdentity and pskKey, or trustedCertificates, or"
                    + " serverPublicKey");
        }
        return new DtlsCredentials(identity, key == null ? null : key.startsWith("0x")
                ? HexFormat.of().parseHex(key.substring(2)) : key.getBytes(StandardCharsets.UTF_8),
                authorities == null ? List.of() : PemMaterial.certificates("trustedCertificates", authorities),
                publicKey == null ? null : PemMaterial.publicKey("serverPublicKey", publicKey),
                clientKey == null ? null : PemMaterial.privateKey("clientKey", clientKey),
                clientCertificate == null ? List.of() : PemMaterial.certificates("clientCertificate", clientCertificate));
    }

    boolean usesCertificates() {
        return !trusted.isEmpty() || serverPublicKey != null;
    }

    @Override
    public String toString() {
        return "DTLS" + (pskIdentity == null ? "" : " psk " + pskIdentity) + (usesCertificates() ? " certificates" : "");
    }
}
