package org.cityhub.ui.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UiServletTest {

    @Test
    void pathsMapToThePagesOrTheLibrariesAndNeverClimbOut() {
        assertThat(UiServlet.resource("/")).contains("web/index.html");
        assertThat(UiServlet.resource("/app.js")).contains("web/app.js");
        assertThat(UiServlet.resource("/lib/leaflet/1.9.4/dist/leaflet.js"))
                .contains("META-INF/resources/webjars/leaflet/1.9.4/dist/leaflet.js");
        assertThat(UiServlet.resource("/../OSGI-INF/x.xml")).isEmpty();
        assertThat(UiServlet.resource("/lib/../web/x")).isEmpty();
        assertThat(UiServlet.resource("/a\\b")).isEmpty();
    }

    @Test
    void imagesMayComeFromTheTileServerAloneBesidesTheHub() {
        UiSettings offline = new UiSettings("", "", 30.27, 120.17, 12);
        UiSettings tiles = new UiSettings("https://{s}.tiles.hangzhou.example/{z}/{x}/{y}.png", "© Hangzhou", 30.27,
                120.17, 12);

        assertThat(offline.contentSecurityPolicy()).contains("img-src 'self' data:;").contains("script-src 'self';");
        assertThat(tiles.contentSecurityPolicy()).contains("img-src 'self' data: https://*.tiles.hangzhou.example;");
        assertThat(tiles.json()).contains("\"tileUrl\": \"https://{s}.tiles.hangzhou.example/{z}/{x}/{y}.png\"")
                .contains("\"center\": [30.270000, 120.170000]");
        assertThatThrownBy(() -> new UiSettings("javascript:alert(1)", "", 0, 0, 1)).hasMessageContaining("http");
    }
}
