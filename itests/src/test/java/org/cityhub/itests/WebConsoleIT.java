package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.itests.HubClient.Answer;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The web console's bundle in the distribution: the page, its pinned libraries and its settings are served at
 * {@code /ui/} with a content security policy that keeps scripts and connections to the hub; nothing outside its
 * folders is served; and the bundle comes and goes while the API answers on.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebConsoleIT extends HubTestSupport {

    @Inject
    private FeaturesService features;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    @Test
    public void thePageAndItsPinnedLibrariesAreServedFromTheHubAlone() {
        Answer page = plain("/ui/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'").contains("connect-src 'self'")
                .contains("frame-ancestors 'none'");
        String html = site().getText("/ui/");
        assertThat(html).contains("lib/leaflet/1.9.4/dist/leaflet.js").contains("app.js")
                .doesNotContain("http://").doesNotContain("https://");

        Answer leaflet = plain("/ui/lib/leaflet/1.9.4/dist/leaflet.js");
        assertThat(leaflet.status()).isEqualTo(200);
        assertThat(leaflet.header("Cache-Control")).contains("immutable");
        assertThat(plain("/ui/lib/uplot/1.6.30/dist/uPlot.iife.min.js").status()).isEqualTo(200);
        assertThat(plain("/ui/lib/leaflet-markercluster/1.4.1/leaflet.markercluster.js").status()).isEqualTo(200);
        assertThat(plain("/ui/app.js").contentType()).startsWith("text/javascript");
        assertThat(plain("/ui/config.json").status()).isEqualTo(200);

        assertThat(plain("/ui/nothing.js").status()).isEqualTo(404);
        assertThat(plain("/ui/lib/../../OSGI-INF/org.cityhub.ui.internal.UiServlet.xml").status()).isIn(400, 404);
        assertThat(plain("/ui/org/cityhub/ui/internal/UiServlet.class").status()).isEqualTo(404);
    }

    /** {@code cityhub:ui-link}: a ticket in the link's fragment, traded once for a token of the role asked. */
    @Test
    public void aLinkFromTheConsoleSignsInOnceWithoutATokenInAnyUrl() throws Exception {
        String output = ConsoleSession.execute(sessions, "cityhub:ui-link --role viewer --department water"
                + " --base http://hub.example:8181");
        String link = output.lines().filter(line -> line.startsWith("http")).findFirst().orElseThrow();
        assertThat(link).startsWith("http://hub.example:8181/ui/#ticket=").doesNotContain("chub_");
        String ticket = link.substring(link.indexOf("#ticket=") + "#ticket=".length()).strip();

        Answer traded = hub.as(null).postJson("/sign-in", "{\"ticket\": \"" + ticket + "\"}");
        assertThat(traded.status()).isEqualTo(200);
        HubClient water = hub.as(traded.body().get("token").asText());
        assertThat(water.get("/things").body()).isNotEmpty()
                .allSatisfy(thing -> assertThat(thing.get("department").asText()).isEqualTo("water"));
        assertThat(hub.as(null).postJson("/sign-in", "{\"ticket\": \"" + ticket + "\"}").status())
                .as("used up").isEqualTo(404);
    }

    @Test
    public void theConsoleComesAndGoesWhileTheApiAnswersOn() throws Exception {
        features.uninstallFeature("cityhub-ui");
        await("the console gone").atMost(PATIENCE).until(() -> plain("/ui/").status() == 404);
        assertThat(hub.get("/things?limit=1").status()).isEqualTo(200);

        features.installFeature("cityhub-ui");
        await("the console back").atMost(PATIENCE).until(() -> plain("/ui/").status() == 200);
    }

    /** A request without a token, as a browser opening the console sends it. */
    private Answer plain(String path) {
        HubClient site = site();
        return site.send(HttpRequest.newBuilder(site.uri(path)));
    }

    /** The hub's web server, not its API: paths start at its root. */
    private static HubClient site() {
        return new HubClient(HttpClient.newHttpClient(), "http://127.0.0.1:" + CityHubDistribution.httpPort(), null);
    }
}
