package org.cityhub.benchmarks.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;

/**
 * The practical limit: the LMAX Disruptor, one ring of 16,384 slots that every subscriber reads on a thread of its
 * own, filtering by topic itself. It waits with locks and conditions (no busy spinning, which two cores and 64
 * subscribers cannot afford) and, like the hub, takes events from several publishers. It has no isolation: a slow
 * subscriber holds up the ring, and so every publisher and, once the ring is full, every other subscriber.
 */
final class DisruptorHarness implements BusHarness {

    private static final String HOT = "bench/hot/s1";
    private static final String PAYLOAD = "{\"thingUID\":\"bench:sensor:s1\",\"channel\":\"value\"}";

    /** A slot of the ring, reused. */
    static final class Slot {
        String topic;
        String payload;
    }

    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final List<AtomicLong> received = new ArrayList<>();

    @SuppressWarnings("unchecked")
    DisruptorHarness(int subscribers) {
        disruptor = new Disruptor<>(Slot::new, 1 << 14, DaemonThreadFactory.INSTANCE, ProducerType.MULTI,
                new BlockingWaitStrategy());
        EventHandler<Slot>[] handlers = new EventHandler[subscribers];
        for (int i = 0; i < subscribers; i++) {
            String filter = BusHarness.matches(i, subscribers) ? HOT : "bench/cold/s1";
            AtomicLong counter = new AtomicLong();
            if (filter.equals(HOT)) {
                received.add(counter);
            }
            handlers[i] = (slot, sequence, endOfBatch) -> {
                if (slot.topic.equals(filter)) {
                    counter.lazySet(counter.get() + 1);
                }
            };
        }
        disruptor.handleEventsWith(handlers);
        ring = disruptor.start();
    }

    @Override
    public void publish() {
        ring.publishEvent((slot, sequence) -> {
            slot.topic = HOT;
            slot.payload = PAYLOAD;
        });
    }

    @Override
    public List<AtomicLong> received() {
        return received;
    }

    @Override
    public void close() {
        disruptor.halt();
    }
}
