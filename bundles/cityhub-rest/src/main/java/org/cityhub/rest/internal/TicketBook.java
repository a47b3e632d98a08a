package org.cityhub.rest.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.admin.TokenInfo;

/**
 * Single-use tickets for {@code /api/events}: browsers' {@code EventSource} cannot send an Authorization header,
 * and tokens never go in query strings, so a client trades its token for a ticket that works once, briefly.
 */
final class TicketBook {

    static final Duration VALIDITY = Duration.ofSeconds(60);
    private static final int TICKET_BYTES = 16;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

    private record Ticket(TokenInfo token, Instant expires) {
    }

    TicketBook(Clock clock) {
        this.clock = clock;
    }

    /** A new ticket for the token's holder. */
    String issue(TokenInfo token) {
        Instant now = clock.instant();
        tickets.values().removeIf(ticket -> !ticket.expires().isAfter(now));
        byte[] bytes = new byte[TICKET_BYTES];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tickets.put(ticket, new Ticket(token, now.plus(VALIDITY)));
        return ticket;
    }

    /** The token a ticket was issued for, if the ticket is known and still valid; a ticket works once. */
    Optional<TokenInfo> redeem(String ticket) {
        Ticket found = tickets.remove(ticket);
        if (found == null || !found.expires().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(found.token());
    }
}
