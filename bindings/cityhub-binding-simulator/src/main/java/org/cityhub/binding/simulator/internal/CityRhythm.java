package org.cityhub.binding.simulator.internal;

import java.time.LocalTime;

/**
 * The daily rhythm the simulated devices follow: daylight warms the air, rush hours fill the roads and the
 * exhaust follows the traffic. Pure functions of the time of day, so they are easy to test.
 */
final class CityRhythm {

    private static final double MORNING_RUSH = 8.0;
    private static final double EVENING_RUSH = 17.5;

    private CityRhythm() {
    }

    /** 0 at 04:00, 1 at 16:00: how warm the day is. */
    static double warmth(LocalTime time) {
        return (1 - Math.cos(2 * Math.PI * (hours(time) - 4) / 24)) / 2;
    }

    /** About 0.15 at night, up to 1 in the rush hours: how busy the roads are. */
    static double traffic(LocalTime time) {
        double h = hours(time);
        double rush = Math.max(bump(h, MORNING_RUSH, 1.2), bump(h, EVENING_RUSH, 1.5));
        double daytime = h >= 6 && h <= 21 ? 0.45 : 0.15;
        return Math.min(1, daytime + (1 - daytime) * rush);
    }

    /** Whether street lights should be on: between 18:00 and 07:00. */
    static boolean dark(LocalTime time) {
        double h = hours(time);
        return h >= 18 || h < 7;
    }

    private static double bump(double hour, double centre, double width) {
        double d = (hour - centre) / width;
        return Math.exp(-d * d);
    }

    private static double hours(LocalTime time) {
        return time.toSecondOfDay() / 3600.0;
    }
}
