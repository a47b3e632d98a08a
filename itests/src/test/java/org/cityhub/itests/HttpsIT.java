package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.inject.Inject;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.admin.TokenService;
import org.cityhub.test.TestCertificates;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The API over HTTPS only, set up as docs/api.md tells an admin: the test makes its own CA and a certificate for
 * localhost signed by it, gives Karaf's Jetty the keystore, and switches plain HTTP off.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HttpsIT {

    private static final String HTTPS_PORT = "cityhub.test.https.port";
    private static final String CA_FILE = "cityhub.test.ca";

    @Inject
    private TokenService tokens;

    @Configuration
    public Option[] configuration() throws Exception {
        Path folder = Files.createTempDirectory(new File("target").toPath(), "tls-").toAbsolutePath();
        TestCertificates certificates = TestCertificates.create(folder);
        String port = CityHubDistribution.freePort();
        return CityHubDistribution.options(
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.enabled", "false"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.secure.enabled", "true"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port.secure", port),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.keystore",
                        certificates.serverKeyStore().toString()),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.keystore.type", "PKCS12"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.keystore.password",
                        certificates.password()),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.key.password",
                        certificates.password()),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.ssl.key.alias", "server"),
                systemProperty(HTTPS_PORT).value(port),
                systemProperty(CA_FILE).value(certificates.caCertificate().toString()));
    }

    @Test
    public void theApiAnswersOverTlsWithACertificateTheClientVerifies() throws Exception {
        HubClient hub = https(tokens.create("tls-" + System.nanoTime(), Role.VIEWER, DepartmentScope.ALL, null, "itest")
                .secret());

        await("HTTPS up").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> hub.get("/things?limit=1").status() == 200);
        assertThat(hub.get("/things").body().size()).isGreaterThan(10);
        assertThat(hub.as(null).get("/things").status()).isEqualTo(401);
    }

    @Test
    public void aClientThatDoesNotTrustTheCaIsRefused() {
        HttpClient strict = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("https://localhost:" + System.getProperty(HTTPS_PORT) + "/api/health");
        await("HTTPS listening").atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try {
                strict.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
            } catch (SSLHandshakeException e) {
                return true;
            }
            return false;
        });
        assertThatThrownBy(() -> strict.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    public void plainHttpIsSwitchedOff() throws Exception {
        HubClient anyone = https(null);
        // the web server is up: a refused plain connection now means plain HTTP is off, not that Jetty is starting
        await("HTTPS up").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> anyone.get("/health/live").status() == 200);
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create("http://127.0.0.1:" + CityHubDistribution.httpPort() + "/api/health");
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(ConnectException.class);
    }

    /** A client of the API over HTTPS that trusts the test's CA. */
    private static HubClient https(String token) throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(Path.of(System.getProperty(CA_FILE))))
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new HubClient(trusting, "https://localhost:" + System.getProperty(HTTPS_PORT) + "/api", token);
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
