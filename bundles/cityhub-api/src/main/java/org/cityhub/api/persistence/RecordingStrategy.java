package org.cityhub.api.persistence;

import java.util.List;

/**
 * A configured way of recording history, as shown to people.
 *
 * @param name the strategy's name; {@code default} for channels no other strategy selects
 * @param selectors which channels it selects, e.g. {@code thingType:sim:gauge}, {@code department:water}; empty
 *        for the default
 * @param recording when it records, e.g. {@code change}, {@code every PT1M}, {@code threshold 5%}, {@code none}
 * @param retention how long it keeps points and hourly and daily summaries, e.g.
 *        {@code points 30d, hourly 730d, daily forever}
 */
public record RecordingStrategy(String name, List<String> selectors, String recording, String retention) {

    public RecordingStrategy {
        selectors = List.copyOf(selectors);
    }
}
