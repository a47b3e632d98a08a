package org.cityhub.history.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's time zone for history ({@code timeZone} in {@code etc/org.cityhub.history.cfg}, e.g.
 * {@code Asia/Shanghai}; the machine's by default), to which days and intervals are aligned: a day's summary runs
 * from local midnight to local midnight. Taken as its offset now: the zones of cities that need no daylight saving
 * (Hangzhou's) are exact; elsewhere days are an hour off for half the year.
 */
final class TimeZones {

    private static final Logger LOG = LoggerFactory.getLogger(TimeZones.class);

    private TimeZones() {
    }

    static ZoneOffset offset(Map<String, ?> config) {
        Object configured = config.get("timeZone");
        ZoneId zone = ZoneId.systemDefault();
        if (configured != null && !configured.toString().isBlank()) {
            try {
                zone = ZoneId.of(configured.toString().trim());
            } catch (DateTimeException e) {
                LOG.error("History: timeZone '{}' is not a time zone (write e.g. Asia/Shanghai or +08:00); the"
                        + " machine's, {}, is used", configured, zone);
            }
        }
        return zone.getRules().getOffset(Instant.now());
    }
}
