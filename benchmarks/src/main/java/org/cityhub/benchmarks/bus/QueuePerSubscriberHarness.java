package org.cityhub.benchmarks.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/** The reference point: one ArrayBlockingQueue and one consumer thread per subscriber, filtered by the publisher. */
final class QueuePerSubscriberHarness implements BusHarness {

    private record Message(String topic, String payload) {
    }

    private static final Message MESSAGE = new Message("bench/hot/s1", "{}");

    private final List<BlockingQueue<Message>> matchingQueues = new ArrayList<>();
    private final List<Thread> consumers = new ArrayList<>();
    private final List<AtomicLong> received = new ArrayList<>();

    QueuePerSubscriberHarness(int subscribers) {
        for (int i = 0; i < subscribers; i++) {
            BlockingQueue<Message> queue = new ArrayBlockingQueue<>(1 << 16);
            AtomicLong counter = new AtomicLong();
            if (BusHarness.matches(i, subscribers)) {
                matchingQueues.add(queue);
                received.add(counter);
            }
            Thread consumer = new Thread(() -> consume(queue, counter), "abq-" + i);
            consumer.setDaemon(true);
            consumer.start();
            consumers.add(consumer);
        }
    }

    private static void consume(BlockingQueue<Message> queue, AtomicLong counter) {
        try {
            while (true) {
                queue.take();
                counter.lazySet(counter.get() + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void publish() {
        try {
            for (BlockingQueue<Message> queue : matchingQueues) {
                queue.put(MESSAGE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<AtomicLong> received() {
        return received;
    }

    @Override
    public void close() {
        consumers.forEach(Thread::interrupt);
    }
}
