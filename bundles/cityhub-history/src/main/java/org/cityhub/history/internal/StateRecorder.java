package org.cityhub.history.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.State;
import org.cityhub.json.Json;
import org.cityhub.json.StateJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the bus's state events into points: decides by the channel's strategy whether each is recorded and hands
 * those that are to the writer. Runs on the bus's delivery thread, so it only parses, compares and queues.
 */
final class StateRecorder implements EventSubscriber {

    private static final Logger LOG = LoggerFactory.getLogger(StateRecorder.class);

    /** The last point recorded for a channel. */
    private record Last(State state, Instant time) {
    }

    private final PointWriter writer;
    private final Function<ThingUID, Optional<Thing>> things;
    private final Map<ChannelUID, Last> last = new ConcurrentHashMap<>();
    private final AtomicLong missed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile Strategies strategies;

    StateRecorder(PointWriter writer, Strategies strategies, Function<ThingUID, Optional<Thing>> things) {
        this.writer = writer;
        this.strategies = strategies;
        this.things = things;
    }

    void strategies(Strategies changed) {
        strategies = changed;
    }

    Strategies strategies() {
        return strategies;
    }

    /** Remembers a point already stored, so that an unchanged state reported after a restart is not recorded again. */
    void stored(HistoricState point) {
        last.merge(point.channel(), new Last(point.state(), point.time()),
                (known, stored) -> known.time().isAfter(stored.time()) ? known : stored);
    }

    @Override
    public void onEvent(Event event) {
        HistoricState point;
        try {
            point = parse(event);
        } catch (JsonProcessingException | IllegalArgumentException | DateTimeParseException e) {
            if (refused.getAndIncrement() == 0) {
                LOG.warn("History: state event {} on {} is unreadable and not recorded (logged once): {}",
                        event.sequence(), event.topic(), e.getMessage());
            }
            return;
        }
        Last before = last.get(point.channel());
        Strategies.Strategy strategy = strategies.of(point.channel(), event.department(), things);
        if (!strategy.recording().records(before == null ? null : before.state(), before == null ? null : before.time(),
                point.state(), point.time())) {
            skipped.incrementAndGet();
            return;
        }
        if (before != null && !point.time().isAfter(before.time())) {
            // a store keeps one point per channel and microsecond, in order: a report in the same microsecond
            // as the last, or a clock that stepped back, is placed just after it
            point = new HistoricState(point.channel(), before.time().plusNanos(1_000), point.state());
        }
        if (writer.offer(point, event.sequence())) {
            last.put(point.channel(), new Last(point.state(), point.time()));
        }
    }

    private static HistoricState parse(Event event) throws JsonProcessingException {
        JsonNode payload = Json.parse(event.payload());
        ThingUID thing = ThingUID.parse(payload.path("thingUID").asText(""));
        ChannelUID channel = new ChannelUID(thing, payload.path("channel").asText(""));
        JsonNode state = payload.get("state");
        Instant time = state != null && state.hasNonNull("updated") ? Instant.parse(state.get("updated").asText())
                : event.timestamp();
        return new HistoricState(channel, time, StateJson.parseState(state));
    }

    @Override
    public void onMissed(MissedEvents gap) {
        missed.addAndGet(gap.count());
        if (gap.count() > 0) {
            LOG.warn("History: {} events ({} to {}) never reached the recorder; the states among them are not"
                    + " recorded", gap.count(), gap.from(), gap.to());
        } else {
            LOG.info("History: events {} to {} of an earlier run of the hub cannot be replayed (the replay ring does"
                    + " not outlive a restart); states that were still waiting to be written when it stopped are"
                    + " not recorded", gap.from(), gap.to());
        }
    }

    long missed() {
        return missed.get();
    }

    long refused() {
        return refused.get();
    }

    long skipped() {
        return skipped.get();
    }
}
