package org.cityhub.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    enum Mode { POLL, OBSERVE }

    record Everything(String host, int port, long budget, double ratio, BigDecimal exact, boolean secure,
            @Parameter("timeoutSeconds") Duration timeout, URI baseUri, Mode mode, List<Object> channels,
            Optional<String> username, Optional<Integer> retries) {
    }

    record Checked(int low, int high) {
        Checked {
            if (low > high) {
                throw new IllegalArgumentException("parameter 'low' must not be above 'high'");
            }
        }
    }

    @Test
    void everyValueIsConvertedToItsComponentType() {
        Everything read = ConfigReader.read(Map.ofEntries(Map.entry("host", "gauge.city"),
                Map.entry("port", new BigDecimal("5683")), Map.entry("budget", new BigDecimal("10000000000")),
                Map.entry("ratio", new BigDecimal("0.25")), Map.entry("exact", new BigDecimal("1.50")),
                Map.entry("secure", true), Map.entry("timeoutSeconds", new BigDecimal("2.5")),
                Map.entry("baseUri", "coap://10.0.0.7"), Map.entry("mode", "observe"),
                Map.entry("channels", List.of(Map.of("id", "level"))), Map.entry("username", " ")), Everything.class);

        assertThat(read.host()).isEqualTo("gauge.city");
        assertThat(read.port()).isEqualTo(5683);
        assertThat(read.budget()).isEqualTo(10_000_000_000L);
        assertThat(read.ratio()).isEqualTo(0.25);
        assertThat(read.exact()).isEqualByComparingTo("1.50");
        assertThat(read.secure()).isTrue();
        assertThat(read.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(read.baseUri()).isEqualTo(URI.create("coap://10.0.0.7"));
        assertThat(read.mode()).isEqualTo(Mode.OBSERVE);
        assertThat(read.channels()).hasSize(1);
        assertThat(read.username()).as("a blank text is no value").isEmpty();
        assertThat(read.retries()).isEmpty();
    }

    @Test
    void everyWrongParameterIsNamedAtOnce() {
        assertThatThrownBy(() -> ConfigReader.read(Map.of("port", "near", "secure", "yes", "mode", "push",
                "timeoutSeconds", new BigDecimal("1"), "ratio", new BigDecimal("1.5"), "budget", new BigDecimal("2.5")),
                Everything.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'host' is required")
                .hasMessageContaining("parameter 'port' must be a number, was 'near'")
                .hasMessageContaining("parameter 'secure' must be true or false, was 'yes'")
                .hasMessageContaining("parameter 'mode' = 'push' is not one of [poll, observe]")
                .hasMessageContaining("parameter 'budget' must be a whole number in range, was 2.5")
                .hasMessageContaining("parameter 'baseUri' is required");
    }

    @Test
    void whatTheRecordItselfChecksIsReportedAsIs() {
        assertThat(ConfigReader.read(Map.of("low", new BigDecimal("1"), "high", new BigDecimal("2")), Checked.class))
                .isEqualTo(new Checked(1, 2));
        assertThatThrownBy(() -> ConfigReader.read(Map.of("low", new BigDecimal("3"), "high", new BigDecimal("2")),
                Checked.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter 'low' must not be above 'high'");
    }

    @Test
    void aComponentTypeTheReaderDoesNotKnowIsTheBindingsMistake() {
        record Odd(Thread thread) {
        }
        assertThatThrownBy(() -> ConfigReader.read(Map.of("thread", new BigDecimal("1")), Odd.class))
                .hasMessageContaining("the binding reads it as java.lang.Thread");
    }
}
