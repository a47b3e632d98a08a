package org.cityhub.core.internal.thing.handler;

/**
 * What one thing's handler may report: state events a second (the rest is recorded but not published), and the
 * longest text a state may hold (a longer one is refused as an input error, so that a device cannot fill the
 * state cache, the replay ring and every SSE client's queue with megabytes).
 *
 * @param stateEventsPerSecond state events published per second and thing
 * @param maxTextCharacters the longest text state kept
 */
public record ReportLimits(int stateEventsPerSecond, int maxTextCharacters) {
}
