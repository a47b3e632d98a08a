package org.cityhub.rules.internal;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A cron schedule of five fields, as crontab(5) reads them: minute (0-59), hour (0-23), day of month (1-31), month
 * (1-12 or JAN-DEC), day of week (0-7 or SUN-SAT, 0 and 7 both Sunday); each a {@code *}, values, ranges
 * {@code a-b} and steps {@code /n}, separated by commas. When both day fields are restricted, a day matching either
 * counts, as in crontab.
 */
final class Cron {

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
            Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
            Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final Map<String, Integer> DAYS = Map.of("SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4,
            "FRI", 5, "SAT", 6);
    /** Beyond this, a schedule that names an impossible date (say, 30 February) is taken to never fire. */
    private static final int SEARCH_YEARS = 5;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private Cron(String text, String[] fields) {
        this.text = text;
        this.minutes = field(fields[0], "minute", 0, 59, Map.of());
        this.hours = field(fields[1], "hour", 0, 23, Map.of());
        this.daysOfMonth = field(fields[2], "day of month", 1, 31, Map.of());
        this.months = field(fields[3], "month", 1, 12, MONTHS);
        BitSet week = field(fields[4], "day of week", 0, 7, DAYS);
        if (week.get(7)) {
            week.set(0);
        }
        this.daysOfWeek = week;
        this.anyDayOfMonth = fields[2].equals("*");
        this.anyDayOfWeek = fields[4].equals("*");
    }

    /**
     * @throws IllegalArgumentException naming the field that is wrong
     */
    static Cron parse(String text) {
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("a cron schedule has five fields (minute hour day-of-month month"
                    + " day-of-week), e.g. \"0 7 * * MON-FRI\"; '" + text + "' has " + fields.length);
        }
        return new Cron(text, fields);
    }

    /** The first minute strictly after this instant that the schedule names, or null if none within five years. */
    ZonedDateTime next(ZonedDateTime after) {
        ZonedDateTime time = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        ZonedDateTime limit = after.plusYears(SEARCH_YEARS);
        while (time.isBefore(limit)) {
            if (!months.get(time.getMonthValue())) {
                time = time.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(time)) {
                time = time.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(time.getHour())) {
                time = time.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(time.getMinute())) {
                time = time.plusMinutes(1);
            } else {
                return time;
            }
        }
        return null;
    }

    private boolean dayMatches(ZonedDateTime time) {
        boolean dayOfMonth = daysOfMonth.get(time.getDayOfMonth());
        boolean dayOfWeek = daysOfWeek.get(time.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth || anyDayOfWeek) {
            return dayOfMonth && dayOfWeek;
        }
        return dayOfMonth || dayOfWeek;
    }

    private static BitSet field(String text, String name, int min, int max, Map<String, Integer> names) {
        BitSet values = new BitSet(max + 1);
        for (String part : text.split(",")) {
            String[] stepped = part.split("/", -1);
            if (stepped.length > 2) {
                throw invalid(name, part, min, max);
            }
            int step = stepped.length == 2 ? number(stepped[1], name, part, 1, max, Map.of()) : 1;
            int from;
            int to;
            if (stepped[0].equals("*")) {
                from = min;
                to = max;
            } else if (stepped[0].contains("-")) {
                String[] range = stepped[0].split("-", -1);
                if (range.length != 2) {
                    throw invalid(name, part, min, max);
                }
                from = number(range[0], name, part, min, max, names);
                to = number(range[1], name, part, min, max, names);
            } else {
                from = number(stepped[0], name, part, min, max, names);
                to = stepped.length == 2 ? max : from;
            }
            if (from > to) {
                throw new IllegalArgumentException("cron " + name + " '" + part + "': the range runs backwards");
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String text, String name, String part, int min, int max, Map<String, Integer> names) {
        Integer named = names.get(text.toUpperCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(name, part, min, max);
    }

    private static IllegalArgumentException invalid(String name, String part, int min, int max) {
        return new IllegalArgumentException("cron " + name + " '" + part + "' is not *, a value from " + min + " to "
                + max + ", a range a-b or a step /n");
    }

    @Override
    public String toString() {
        return text;
    }
}
