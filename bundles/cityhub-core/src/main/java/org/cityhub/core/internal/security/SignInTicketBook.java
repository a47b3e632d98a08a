package org.cityhub.core.internal.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cityhub.api.admin.SignInTickets;
import org.osgi.service.component.annotations.Component;

/** The web console's sign-in tickets, in memory only: a restart forgets them, as they live two minutes anyway. */
@Component(service = SignInTickets.class)
public final class SignInTicketBook implements SignInTickets {

    static final Duration VALIDITY = Duration.ofMinutes(2);

    private record Issued(String secret, Instant expires) {
    }

    private final Map<String, Issued> tickets = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public SignInTicketBook() {
        this(Clock.systemUTC());
    }

    SignInTicketBook(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String issue(String tokenSecret) {
        Instant now = clock.instant();
        tickets.values().removeIf(issued -> !issued.expires().isAfter(now));
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tickets.put(ticket, new Issued(tokenSecret, now.plus(VALIDITY)));
        return ticket;
    }

    @Override
    public Optional<String> redeem(String ticket) {
        Issued issued = tickets.remove(ticket);
        return issued == null || !issued.expires().isAfter(clock.instant()) ? Optional.empty()
                : Optional.of(issued.secret());
    }
}
