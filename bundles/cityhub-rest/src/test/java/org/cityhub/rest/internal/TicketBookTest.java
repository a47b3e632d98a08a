package org.cityhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.admin.TokenInfo;
import org.junit.jupiter.api.Test;

class TicketBookTest {

    private static final TokenInfo VIEWER = new TokenInfo("map", Role.VIEWER, DepartmentScope.parse("transport"),
            Instant.parse("2026-11-25T10:00:00Z"), null, "test");

    @Test
    void aTicketWorksOnce() {
        TicketBook book = new TicketBook(Clock.systemUTC());
        String ticket = book.issue(VIEWER);
        assertThat(book.redeem(ticket)).contains(VIEWER);
        assertThat(book.redeem(ticket)).isEmpty();
        assertThat(book.redeem("made-up")).isEmpty();
    }

    @Test
    void aTicketExpires() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        TicketBook book = new TicketBook(clock);
        String fresh = book.issue(VIEWER);
        String stale = book.issue(VIEWER);
        assertThat(book.redeem(fresh)).isPresent();
        now.set(now.get().plus(TicketBook.VALIDITY));
        assertThat(book.redeem(stale)).isEmpty();
    }
}
