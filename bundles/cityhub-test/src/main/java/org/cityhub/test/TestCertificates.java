package org.cityhub.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority made for one test with the JDK's {@code keytool}: a CA certificate, a key with a
 * certificate for {@code localhost} and {@code 127.0.0.1} signed by it, and a client's key with a certificate for
 * {@code cityhub-test-client}, all valid for two days, in PKCS#12 and in PEM (for servers such as Mosquitto that read
 * PEM). For testing a binding's TLS against a real server (a broker, a web service) without shipping keys in the
 * repository.
 */
public final class TestCertificates {

    private static final String PASSWORD = "changeit";

    private final Path folder;

    private TestCertificates(Path folder) {
        this.folder = folder;
    }

    /**
     * Makes the CA and the server's key and certificate in the folder.
     *
     * @throws IOException if keytool fails, with its output
     */
    public static TestCertificates create(Path folder) throws IOException {
        String ca = folder.resolve("ca.p12").toString();
        String server = folder.resolve("server.p12").toString();
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=CityHub Test CA", "-ext", "bc:c",
                "-validity", "2", "-keystore", ca, "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", PASSWORD, "-file",
                folder.resolve("ca.pem").toString());
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-keystore", server, "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "server", "-keystore", server, "-storepass", PASSWORD, "-file",
                folder.resolve("server.csr").toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", PASSWORD, "-validity", "2",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-infile", folder.resolve("server.csr").toString(),
                "-outfile", folder.resolve("server.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", server, "-storepass", PASSWORD, "-file",
                folder.resolve("ca.pem").toString());
        keytool("-importcert", "-alias", "server", "-keystore", server, "-storepass", PASSWORD, "-file",
                folder.resolve("server.pem").toString());
        exportKey(folder.resolve("server.p12"), "server", folder.resolve("server-key.pem"));
        signedKey(folder, "client", "CN=cityhub-test-client", "dns:cityhub-test-client");
        return new TestCertificates(folder);
    }

    /** Makes {@code <name>.pem} (a certificate signed by the CA) and {@code <name>-key.pem} (its PKCS#8 key). */
    private static void signedKey(Path folder, String name, String subject, String alternativeName)
            throws IOException {
        String store = folder.resolve(name + ".p12").toString();
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", subject, "-validity", "2", "-keystore",
                store, "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", name, "-keystore", store, "-storepass", PASSWORD, "-file",
                folder.resolve(name + ".csr").toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", folder.resolve("ca.p12").toString(), "-storepass",
                PASSWORD, "-validity", "2", "-ext", "san=" + alternativeName, "-infile",
                folder.resolve(name + ".csr").toString(), "-outfile", folder.resolve(name + ".pem").toString());
        exportKey(folder.resolve(name + ".p12"), name, folder.resolve(name + "-key.pem"));
    }

    private static void exportKey(Path store, String alias, Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASSWORD.toCharArray());
            byte[] pkcs8 = keys.getKey(alias, PASSWORD.toCharArray()).getEncoded();
            Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot export the key of " + alias + " from " + store + ": " + e.getMessage(), e);
        }
    }

    /** The CA's certificate, PEM: what a client trusts. */
    public Path caCertificate() {
        return folder.resolve("ca.pem");
    }

    /** The server's key and certificate chain, a PKCS#12 key store protected by {@link #password()}. */
    public Path serverKeyStore() {
        return folder.resolve("server.p12");
    }

    /** The server's certificate, PEM, signed by the CA. */
    public Path serverCertificate() {
        return folder.resolve("server.pem");
    }

    /** The server's private key, PEM (unencrypted PKCS#8). */
    public Path serverKey() {
        return folder.resolve("server-key.pem");
    }

    /** A client's certificate, PEM, for {@code CN=cityhub-test-client}, signed by the CA. */
    public Path clientCertificate() {
        return folder.resolve("client.pem");
    }

    /** The client's private key, PEM (unencrypted PKCS#8). */
    public Path clientKey() {
        return folder.resolve("client-key.pem");
    }

    /** The key stores' password. */
    public String password() {
        return PASSWORD;
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
    }
}
