package org.cityhub.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicFilterTest {

    private static final String STATE = "cityhub/things/mqtt:air:w1/channels/pm25/state";

    @Test
    void plusMatchesExactlyOneSegment() {
        assertThat(TopicFilter.of("cityhub/things/+/channels/+/state").matches(STATE)).isTrue();
        assertThat(TopicFilter.of("cityhub/things/+/state").matches(STATE)).isFalse();
        assertThat(TopicFilter.of("cityhub/+").matches("cityhub")).isFalse();
        assertThat(TopicFilter.of("cityhub/+").matches("cityhub/")).isTrue();
    }

    @Test
    void hashMatchesTheRestIncludingNothing() {
        assertThat(TopicFilter.of("cityhub/#").matches(STATE)).isTrue();
        assertThat(TopicFilter.of("cityhub/#").matches("cityhub")).isTrue();
        assertThat(TopicFilter.ALL.matches("anything/at/all")).isTrue();
        assertThat(TopicFilter.of("cityhub/bindings/#").matches(STATE)).isFalse();
    }

    @Test
    void literalSegmentsMustMatchWhole() {
        assertThat(TopicFilter.of("cityhub/things/mqtt:air:w1/channels/pm25/state").matches(STATE)).isTrue();
        assertThat(TopicFilter.of("cityhub/things/mqtt:air:w1/channels/pm2/state").matches(STATE)).isFalse();
        assertThat(TopicFilter.of("cityhub/things/mqtt:air:w1/channels/pm25").matches(STATE)).isFalse();
    }

    @Test
    void aListMatchesIfAnyPatternDoes() {
        TopicFilter filter = TopicFilter.parse("cityhub/bindings/#, cityhub/things/+/channels/pm25/+");

        assertThat(filter.patterns()).containsExactly("cityhub/bindings/#", "cityhub/things/+/channels/pm25/+");
        assertThat(filter.matches(STATE)).isTrue();
        assertThat(filter.matches("cityhub/bindings/mqtt/installed")).isTrue();
        assertThat(filter.matches("cityhub/things/x:y:z/status")).isFalse();
    }

    @Test
    void rejectsMisplacedWildcardsWithTheReason() {
        assertThatThrownBy(() -> TopicFilter.of("cityhub/#/state")).hasMessageContaining("'#' may only be the last segment");
        assertThatThrownBy(() -> TopicFilter.of("cityhub/th+")).hasMessageContaining("must stand alone");
        assertThatThrownBy(() -> TopicFilter.parse("a,,b")).hasMessageContaining("empty topic pattern");
    }

    @Test
    void aPatternWithControlCharactersOrOfAnyLengthIsRefused() {
        assertThatThrownBy(() -> TopicFilter.parse("cityhub/#\ndata: {\"forged\": true}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control characters")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> TopicFilter.parse("a/" + "b".repeat(TopicFilter.MAX_LENGTH)))
                .hasMessageContaining("at most 1024 characters");
    }
}
