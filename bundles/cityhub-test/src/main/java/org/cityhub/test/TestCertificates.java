package org.cityhub.test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority made for one test with the JDK's {@code keytool}: a CA certificate, and a key with a
 * certificate for {@code localhost} and {@code 127.0.0.1} signed by it, valid for two days. For testing a
 * binding's TLS against a real server (a broker, a web service) without shipping keys in the repository.
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
        return new TestCertificates(folder);
    }

    /** The CA's certificate, PEM: what a client trusts. */
    public Path caCertificate() {
        return folder.resolve("ca.pem");
    }

    /** The server's key and certificate chain, a PKCS#12 key store protected by {@link #password()}. */
    public Path serverKeyStore() {
        return folder.resolve("server.p12");
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
