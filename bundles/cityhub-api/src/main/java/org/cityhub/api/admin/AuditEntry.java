package org.cityhub.api.admin;

import java.time.Instant;

/**
 * One recorded change or attempt.
 *
 * @param time when it happened
 * @param actor who did it: a token name ({@code token:NAME}) or a console user ({@code console:USER})
 * @param source where from: the client's address, or {@code console}
 * @param action what was done, e.g. {@code POST /things/{uid}/channels/{channel}/command} or
 *        {@code cityhub:send}
 * @param target what it was done to, e.g. the request path or the channel UID
 * @param detail what was asked, e.g. the command sent; empty if nothing more
 * @param outcome how it ended: an HTTP status or {@code ok} / an error message
 */
public record AuditEntry(Instant time, String actor, String source, String action, String target, String detail,
        String outcome) {
}
