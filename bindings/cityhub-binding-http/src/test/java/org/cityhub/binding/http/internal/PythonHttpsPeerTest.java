package org.cityhub.binding.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityhub.binding.http.internal.HttpThings.awaitStatus;
import static org.cityhub.binding.http.internal.HttpThings.channel;
import static org.cityhub.binding.http.internal.HttpThings.config;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.types.NumberValue;
import org.cityhub.test.HandlerHarness;
import org.cityhub.test.PeerProgram;
import org.cityhub.test.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding against a department service it was not built on: Python's {@code http.server} over HTTPS (OpenSSL),
 * which sends JSON files under whatever content type their names suggest ({@code application/octet-stream},
 * {@code text/plain}), redirects a folder to its slash, and answers 404 for what it lacks. Its certificate is
 * signed by a department's own authority, which the endpoint trusts through {@code caCertificate}.
 */
class PythonHttpsPeerTest {

    private final HttpThings things = new HttpThings();
    private TestCertificates certificates;
    private PeerProgram server;
    private String baseUrl;

    @TempDir
    Path folder;

    @BeforeEach
    void startServer() throws IOException {
        Path python = PeerProgram.require("python3", "python3");
        certificates = TestCertificates.create(folder);
        Path site = Files.createDirectories(folder.resolve("site"));
        Files.writeString(site.resolve("canal-lock"), "{\"level\": 231, \"unit\": \"cm\"}");
        Files.writeString(site.resolve("tide.txt"), "{\"level\": 412}");
        Files.createDirectories(site.resolve("harbour"));
        Files.writeString(site.resolve("harbour").resolve("index.html"), "{\"level\": 98}");
        Path script = folder.resolve("https_department.py");
        try (InputStream in = getClass().getResourceAsStream("/https_department.py")) {
            Files.copy(in, script);
        }
        int port = freePort();
        baseUrl = "https://localhost:" + port + "/";
        server = PeerProgram.start(folder, List.of(python.toString(), script.toString(), Integer.toString(port),
                site.toString(), certificates.serverCertificate().toString(), certificates.serverKey().toString()))
                .awaitTcpPort("127.0.0.1", port, Duration.ofSeconds(10));
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    private static List<Map<String, Object>> level() {
        return List.of(channel("level", "number", "unit", "cm", "transform", "jsonpath:$.level"));
    }

    @Test
    void jsonUnderAGenericContentTypeIsReadOverHttpsFromTheDepartmentsOwnAuthority() {
        HandlerHarness endpoint = things.endpoint("water", config("baseUrl", baseUrl,
                "caCertificate", certificates.caCertificate().toString()));

        HandlerHarness lock = things.resource(endpoint, "canal-lock", "canal-lock", level());
        HandlerHarness tide = things.resource(endpoint, "tide", "tide.txt", level());
        HandlerHarness harbour = things.resource(endpoint, "harbour", "harbour", level()); // 301 to harbour/
        awaitStatus(lock, ThingStatus.ONLINE);
        awaitStatus(tide, ThingStatus.ONLINE);
        awaitStatus(harbour, ThingStatus.ONLINE);
        assertThat(lock.state("level")).isEqualTo(new NumberValue(BigDecimal.valueOf(231), "cm"));
        assertThat(tide.state("level")).isEqualTo(new NumberValue(BigDecimal.valueOf(412), "cm"));
        assertThat(harbour.state("level")).isEqualTo(new NumberValue(BigDecimal.valueOf(98), "cm"));

        HandlerHarness missing = things.resource(endpoint, "missing", "no-such-gauge", level());
        awaitStatus(missing, ThingStatus.OFFLINE);
        assertThat(missing.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(missing.status().message()).contains("HTTP 404");
    }

    @Test
    void aStrictEndpointRefusesThemAndAnUntrustedCertificateIsRefused() {
        HandlerHarness strict = things.endpoint("strict", config("baseUrl", baseUrl,
                "caCertificate", certificates.caCertificate().toString(), "strictContentType", true));
        HandlerHarness lock = things.resource(strict, "canal-lock", "canal-lock", level());
        awaitStatus(lock, ThingStatus.OFFLINE);
        assertThat(lock.status().message())
                .contains("expected JSON, the content type is application/octet-stream");

        HandlerHarness trustingTheJvm = things.endpoint("jvm", config("baseUrl", baseUrl));
        HandlerHarness refused = things.resource(trustingTheJvm, "refused", "canal-lock", level());
        awaitStatus(refused, ThingStatus.OFFLINE);
        assertThat(refused.states("level")).isEmpty();
        assertThat(refused.status().message()).contains("GET " + baseUrl + "canal-lock");

        HandlerHarness unreadable = things.endpoint("unreadable", config("baseUrl", baseUrl,
                "caCertificate", folder.resolve("missing.pem").toString()));
        assertThat(unreadable.status().detail()).isEqualTo(ThingStatusDetail.CONFIGURATION_ERROR);
        assertThat(unreadable.status().message()).startsWith("caCertificate: ");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
