package org.cityhub.api.rules;

import java.time.Instant;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A rule as the engine shows it: its definition and how it fares.
 *
 * @param id the rule's id
 * @param department the department it belongs to and acts for
 * @param label a name for people
 * @param source {@code managed} (made through REST or the console) or the file that defines it
 * @param definition the rule's JSON document
 * @param status how it fares
 * @param message why, for {@link RuleStatus#REFUSED}, {@link RuleStatus#FAILING} and {@link RuleStatus#BLOCKED};
 *        empty otherwise
 * @param lastFired when it last fired, or {@code null}
 * @param fired how often it fired since the hub started
 * @param failed how many firings failed
 * @param throttled how many firings its rate limit held back
 * @param skipped how many firings were skipped because an earlier one still ran
 */
public record RuleInfo(String id, String department, String label, String source, String definition,
        RuleStatus status, String message, @Nullable Instant lastFired, long fired, long failed, long throttled,
        long skipped) {
}
