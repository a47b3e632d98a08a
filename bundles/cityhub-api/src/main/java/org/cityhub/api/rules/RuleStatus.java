package org.cityhub.api.rules;

/** How a rule fares. */
public enum RuleStatus {
    /** Loaded and allowed: its triggers are watched. */
    ACTIVE,
    /** Switched off by its department; its triggers are not watched. */
    DISABLED,
    /**
     * Not run: it names something its department may not read or command (or that does not exist, or a grant it
     * relied on ended); the message says what. It runs again as soon as what it names is allowed.
     */
    REFUSED,
    /** Its last firing failed (an action threw, was refused or took longer than its budget); it keeps running. */
    FAILING,
    /** A firing's action still runs past its time budget; further firings are skipped until it ends. */
    BLOCKED
}
