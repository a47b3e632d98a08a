package org.cityhub.history.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.cityhub.api.config.DurationText;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.State;
import org.eclipse.jdt.annotation.Nullable;

/**
 * When a channel's state is recorded: on every change (the default), on every update, at most once per period,
 * when a number moves by more than a threshold since the last point recorded, or never.
 *
 * @param kind which rule
 * @param period for {@link Kind#EVERY}: the least time between two points
 * @param threshold for {@link Kind#THRESHOLD}: the least change, absolute or (if {@code relative}) as a share
 * @param relative whether the threshold is a share of the last value recorded
 */
record Recording(Kind kind, Duration period, BigDecimal threshold, boolean relative) {

    /** The rules, as written in the configuration. */
    enum Kind {
        CHANGE, UPDATE, EVERY, THRESHOLD, NONE
    }

    static final Recording CHANGE = new Recording(Kind.CHANGE, Duration.ZERO, BigDecimal.ZERO, false);

    /**
     * Parses {@code change}, {@code update}, {@code every 60s}, {@code threshold 0.5}, {@code threshold 5%} or
     * {@code none}.
     *
     * @throws IllegalArgumentException saying which forms are understood
     */
    static Recording parse(String text) {
        String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+", 2);
        String argument = words.length > 1 ? words[1].trim() : "";
        switch (words[0]) {
            case "change", "update", "none":
                if (!argument.isEmpty()) {
                    throw new IllegalArgumentException("'" + words[0] + "' takes nothing after it, found '" + argument + "'");
                }
                return new Recording(Kind.valueOf(words[0].toUpperCase(Locale.ROOT)), Duration.ZERO, BigDecimal.ZERO,
                        false);
            case "every":
                return new Recording(Kind.EVERY, DurationText.parse(argument), BigDecimal.ZERO, false);
            case "threshold":
                return threshold(argument);
            default:
                throw new IllegalArgumentException("'" + text + "' is no way of recording: write change, update,"
                        + " every <duration> (e.g. every 60s), threshold <number> (e.g. threshold 0.5),"
                        + " threshold <percent>% or none");
        }
    }

    private static Recording threshold(String argument) {
        boolean relative = argument.endsWith("%");
        String number = relative ? argument.substring(0, argument.length() - 1).trim() : argument;
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'threshold " + argument + "': the threshold must be a number,"
                    + " optionally followed by %");
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("'threshold " + argument + "': the threshold must be positive");
        }
        return new Recording(Kind.THRESHOLD, Duration.ZERO, relative ? value.movePointLeft(2) : value, relative);
    }

    /**
     * Whether a state reported at a time is recorded, given the last point recorded for its channel.
     *
     * @param last the channel's last recorded state and time, or {@code null} if none is known
     */
    boolean records(@Nullable State lastState, @Nullable Instant lastTime, State state, Instant time) {
        if (kind == Kind.NONE) {
            return false;
        }
        if (lastState == null || lastTime == null || kind == Kind.UPDATE) {
            return true;
        }
        return switch (kind) {
            case CHANGE -> !state.equals(lastState);
            case EVERY -> !time.isBefore(lastTime.plus(period));
            case THRESHOLD -> crosses(lastState, state);
            default -> true;
        };
    }

    /** Numbers move by at least the threshold; any other change (to or from UNDEF, a unit) is recorded. */
    private boolean crosses(State lastState, State state) {
        if (!(lastState instanceof NumberValue before) || !(state instanceof NumberValue now)
                || !java.util.Objects.equals(before.unit(), now.unit())) {
            return !state.equals(lastState);
        }
        BigDecimal change = now.value().subtract(before.value()).abs();
        BigDecimal least = relative ? before.value().abs().multiply(threshold, MathContext.DECIMAL64) : threshold;
        return change.compareTo(least) >= 0 && change.signum() > 0;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EVERY -> "every " + period;
            case THRESHOLD -> "threshold " + (relative ? threshold.movePointRight(2).stripTrailingZeros().toPlainString()
                    + "%" : threshold.toPlainString());
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }
}
