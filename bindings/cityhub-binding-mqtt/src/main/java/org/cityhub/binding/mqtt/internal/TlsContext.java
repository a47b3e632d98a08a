package org.cityhub.binding.mqtt.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.cityhub.api.tls.PemMaterial;

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
            if (config.caCertificate().isEmpty()) {
                trust.init((KeyStore) null);
            } else {
                KeyStore authorities = emptyStore();
                int i = 0;
                for (Certificate certificate : PemMaterial.certificates("caCertificate", config.caCertificate().get())) {
                    authorities.setCertificateEntry("ca-" + i++, certificate);
                }
                trust.init(authorities);
            }
            KeyManager[] keys = null;
            if (config.clientCertificate().isPresent()) {
                KeyStore client = emptyStore();
                char[] password = new char[0];
                client.setKeyEntry("client", PemMaterial.privateKey("clientKey", config.clientKey().get()), password,
                        PemMaterial.certificates("clientCertificate", config.clientCertificate().get()).toArray(new Certificate[0]));
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
}
