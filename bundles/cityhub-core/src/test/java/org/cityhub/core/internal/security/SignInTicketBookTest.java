package org.cityhub.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.cityhub.core.internal.MutableClock;
import org.junit.jupiter.api.Test;

class SignInTicketBookTest {

    @Test
    void aTicketIsRedeemedOnceWithinItsTwoMinutes() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T08:00:00Z"));
        SignInTicketBook book = new SignInTicketBook(clock);
        String ticket = book.issue("chub_secret");
        String late = book.issue("chub_other");

        assertThat(ticket).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(late);
        assertThat(book.redeem(ticket)).contains("chub_secret");
        assertThat(book.redeem(ticket)).as("used up").isEmpty();
        clock.advance(SignInTicketBook.VALIDITY);
        assertThat(book.redeem(late)).as("expired").isEmpty();
        assertThat(book.redeem("guessed")).isEmpty();
    }
}
