package org.cityhub.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonLinesTest {

    @Test
    void aPointerIsAnsweredWithItsLineOrThatOfTheNearestThingThere() {
        String text = RuleParserTest.FLOOD;
        assertThat(JsonLines.lineOf(text, "/triggers/4/cron")).isEqualTo(11);
        assertThat(JsonLines.lineOf(text, "/actions/1")).isEqualTo(23);
        assertThat(JsonLines.lineOf(text, "/actions/1/missing")).isEqualTo(23);
        assertThat(JsonLines.lineOf(text, "/department")).isEqualTo(3);
        assertThat(JsonLines.lineOf("{ not json", "/x")).isEqualTo(1);
    }
}
