package org.cityhub.binding.mqtt.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS socket factory of a broker connection, from PEM: the authority to trust (or the JVM's), and optionally
 * a client certificate with its key. Each may be given as a file's path or as the PEM text itself.
 */
final class TlsContext {

    private TlsContext() {
    }

    /**
     * The socket factory for the configuration.
     *
     * @throws IllegalArgumentException saying which setting could not be read, and why
     */
    static SSLSocketFactory of(BrokerConfig config) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (config.caCertificate() == null) {
                trust.init((KeyStore) null);
            } else {
                KeyStore authorities = emptyStore();
                int i = 0;
                for (Certificate certificate : certificates("caCertificate", config.caCertificate())) {
                    authorities.setCertificateEntry("ca-" + i++, certificate);
                }
                trust.init(authorities);
            }
            KeyManager[] keys = null;
            if (config.clientCertificate() != null) {
                KeyStore client = emptyStore();
                char[] password = new char[0];
                client.setKeyEntry("client", privateKey(config.clientKey()), password,
                        certificates("clientCertificate", config.clientCertificate()).toArray(new Certificate[0]));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(client, password);
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS set-up failed: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    private static Collection<? extends Certificate> certificates(String setting, String pathOrPem) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem(setting, pathOrPem).getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(setting + " holds no certificate");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(String pathOrPem) {
        String pem = pem("clientKey", pathOrPem);
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException("clientKey must be an unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert"
                    + " it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        for (String algorithm : new String[] { "RSA", "EC", "Ed25519" }) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("clientKey is not an RSA, EC or Ed25519 key");
    }

    /** The PEM text: the setting itself, or the file it names. */
    private static String pem(String setting, String pathOrPem) {
        if (pathOrPem.trim().startsWith("-----BEGIN")) {
            return pathOrPem;
        }
        try {
            return Files.readString(Path.of(pathOrPem.trim()), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + pathOrPem + " (" + e + ")", e);
        }
    }
}
