package org.cityhub.api.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Key material from a thing's configuration, in PEM: each setting holds either a file's path or the PEM text
 * itself. Errors name the setting and say what is wrong, never the material.
 */
public final class PemMaterial {

    private static final String[] ALGORITHMS = { "EC", "RSA", "Ed25519" };

    private PemMaterial() {
    }

    /**
     * The certificates of a setting (a chain, or trusted authorities).
     *
     * @throws IllegalArgumentException if the setting cannot be read or holds no certificate
     */
    public static List<X509Certificate> certificates(String setting, String pathOrPem) {
        try {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(text(setting, pathOrPem).getBytes(StandardCharsets.US_ASCII)))
                    .stream().map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(setting + " holds no certificate");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    /**
     * An unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}) of EC, RSA or Ed25519.
     *
     * @throws IllegalArgumentException if the setting cannot be read or is no such key
     */
    public static PrivateKey privateKey(String setting, String pathOrPem) {
        String pem = text(setting, pathOrPem);
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException(setting + " must be an unencrypted PKCS#8 key (BEGIN PRIVATE KEY);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
        }
        return key(setting, factory -> {
            try {
                return factory.generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
            } catch (GeneralSecurityException e) {
                return null;
            }
        });
    }

    /**
     * A public key ({@code BEGIN PUBLIC KEY}, X.509 SubjectPublicKeyInfo) of EC, RSA or Ed25519.
     *
     * @throws IllegalArgumentException if the setting cannot be read or is no such key
     */
    public static PublicKey publicKey(String setting, String pathOrPem) {
        String pem = text(setting, pathOrPem);
        if (!pem.contains("BEGIN PUBLIC KEY")) {
            throw new IllegalArgumentException(setting + " must be a public key in PEM (BEGIN PUBLIC KEY)");
        }
        return key(setting, factory -> {
            try {
                return factory.generatePublic(new X509EncodedKeySpec(der(pem)));
            } catch (GeneralSecurityException e) {
                return null;
            }
        });
    }

    /** A public key as PEM text, e.g. to show an integrator what to configure. */
    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    private static <K> K key(String setting, Function<KeyFactory, K> generate) {
        for (String algorithm : ALGORITHMS) {
            try {
                K key = generate.apply(KeyFactory.getInstance(algorithm));
                if (key != null) {
                    return key;
                }
            } catch (GeneralSecurityException e) {
                // this JVM lacks the algorithm: try the next
            }
        }
        throw new IllegalArgumentException(setting + " is not an EC, RSA or Ed25519 key");
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static String text(String setting, String pathOrPem) {
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
