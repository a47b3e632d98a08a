package org.cityhub.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

class CronTest {

    private static final ZoneId HANGZHOU = ZoneId.of("Asia/Shanghai");

    private static ZonedDateTime at(String local) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(local), HANGZHOU);
    }

    @Test
    void theNextMinuteNamedIsFound() {
        // Friday 4 December 2026, 07:30
        ZonedDateTime now = at("2026-12-04T07:30:10");
        assertThat(Cron.parse("0 7 * * MON-FRI").next(now)).isEqualTo(at("2026-12-07T07:00"));
        assertThat(Cron.parse("*/15 * * * *").next(now)).isEqualTo(at("2026-12-04T07:45"));
        assertThat(Cron.parse("0 0 1 JAN *").next(now)).isEqualTo(at("2027-01-01T00:00"));
        assertThat(Cron.parse("30 7 * * *").next(now)).isEqualTo(at("2026-12-05T07:30"));
        assertThat(Cron.parse("0 12 * * 0").next(now)).as("Sunday").isEqualTo(at("2026-12-06T12:00"));
        assertThat(Cron.parse("0 12 * * 7").next(now)).as("7 is Sunday too").isEqualTo(at("2026-12-06T12:00"));
        assertThat(Cron.parse("0 9 13 * FRI").next(now)).as("either day field, as crontab")
                .isEqualTo(at("2026-12-04T09:00"));
        assertThat(Cron.parse("0 0 30 2 *").next(now)).as("never").isNull();
    }

    @Test
    void aBadFieldIsNamed() {
        assertThatThrownBy(() -> Cron.parse("0 7 * *")).hasMessageContaining("five fields");
        assertThatThrownBy(() -> Cron.parse("0 24 * * *")).hasMessageContaining("cron hour '24'");
        assertThatThrownBy(() -> Cron.parse("0 7 * * FUN")).hasMessageContaining("cron day of week 'FUN'");
        assertThatThrownBy(() -> Cron.parse("0 9-7 * * *")).hasMessageContaining("runs backwards");
    }
}
