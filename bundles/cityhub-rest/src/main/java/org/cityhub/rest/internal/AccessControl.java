package org.cityhub.rest.internal;

import java.util.Optional;

import javax.servlet.http.HttpServletRequest;

import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.sharing.Grants;

/**
 * Decides whether a request may reach its route: authenticates its bearer token (or SSE ticket), applies the
 * token's rate limit, and checks the route's role and department scope. The caller is attached to the request
 * for the resources and the audit trail.
 */
final class AccessControl {

    private static final String BEARER = "Bearer ";
    private static final String CHALLENGE = "Bearer realm=\"cityhub\"";

    private final TokenService tokens;
    private final TicketBook tickets;
    private final RateLimiter rates;
    private final Grants grants;

    AccessControl(TokenService tokens, TicketBook tickets, RateLimiter rates, Grants grants) {
        this.grants = grants;
        this.tokens = tokens;
        this.tickets = tickets;
        this.rates = rates;
    }

    /**
     * Lets the request through to the route or throws the answer: 401 without a valid token, 429 over the token's
     * rate, 403 for a role or scope the route needs and the token lacks.
     */
    void check(HttpServletRequest request, Route route) throws ProblemException {
        Access access = route.access();
        if (request.getParameter("access_token") != null) {
            throw ProblemException.badRequest("tokens never go in query strings, where logs and browser histories"
                    + " keep them: send the header 'Authorization: Bearer <token>'");
        }
        if (access.scope() == Access.Scope.PUBLIC) {
            optionalToken(request).ifPresent(token -> caller(token, request).attachTo(request));
            return;
        }
        TokenInfo token = token(request, access);
        caller(token, request).attachTo(request);
        int wait = rates.acquire(token.name());
        if (wait > 0) {
            throw new ProblemException(429, "token '" + token.name() + "' sent more requests than its rate allows;"
                    + " try again in " + wait + " s").retryAfter(wait);
        }
        if (token.isResident() ? !access.residents() : !token.role().includes(access.role())) {
            throw ProblemException.forbidden(route.key() + " needs role " + access.role().id() + " or above; token '"
                    + token.name() + "' has role " + token.role().id());
        }
        if (access.scope() == Access.Scope.HUB && !token.scope().isAll()) {
            throw ProblemException.forbidden(route.key() + " concerns the whole hub and needs a token of all"
                    + " departments ('*'); token '" + token.name() + "' has departments " + token.scope());
        }
    }

    private Caller caller(TokenInfo token, HttpServletRequest request) {
        return new Caller(token, request.getRemoteAddr(), Caller.audienceOf(token, grants));
    }

    private TokenInfo token(HttpServletRequest request, Access access) throws ProblemException {
        String header = request.getHeader("Authorization");
        if (header != null) {
            return bearer(header).orElseThrow(() -> unauthorized("invalid_token",
                    "the bearer token is unknown, expired or revoked"));
        }
        String ticket = request.getParameter("ticket");
        if (ticket != null && access.ticket()) {
            return tickets.redeem(ticket).filter(tokens::isLive).orElseThrow(() -> unauthorized("invalid_token",
                    "the ticket is unknown, used already, expired, or its token was revoked; get a new one with POST"
                            + " /api/events/tickets"));
        }
        throw unauthorized(null, "this route needs the header 'Authorization: Bearer <token>'"
                + (access.ticket() ? " or a ticket from POST /api/events/tickets as ?ticket=" : ""));
    }

    private Optional<TokenInfo> optionalToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header == null ? Optional.empty() : bearer(header);
    }

    private Optional<TokenInfo> bearer(String header) {
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return tokens.authenticate(header.substring(BEARER.length()).trim());
    }

    private static ProblemException unauthorized(String error, String detail) {
        return new ProblemException(401, detail).header("WWW-Authenticate",
                error == null ? CHALLENGE : CHALLENGE + ", error=\"" + error + "\"");
    }
}
