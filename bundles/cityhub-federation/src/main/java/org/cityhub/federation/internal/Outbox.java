package org.cityhub.federation.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this hub sends to Kafka, in the order it was given, on a thread of its own: nothing that publishes here ever
 * waits for Kafka. While Kafka cannot be reached, records wait here, up to a bound; past it, new records are counted
 * as dropped, never silently. A record leaves the queue only once the producer has taken it, and the producer
 * (idempotent, retrying without end) keeps each key's records in order. Every record carries its origin hub in the
 * {@link Records#HUB_HEADER} header, so that a reader can pass over a hub's records without reading them.
 */
final class Outbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration SILENCE = Duration.ofSeconds(10);
    private static final int BATCH = 1_000;
    /**
     * How long the sender gathers records once woken: one wake-up per few records instead of one per record, which on
     * a busy hub costs the bus's threads and the sender a context switch per event. Kafka's own linger is longer.
     */
    private static final long GATHER_MILLIS = 2;

    private final Producer<String, String> producer;
    private final Header hub;
    private final int bound;
    private final Deque<ProducerRecord<String, String>> waiting = new ArrayDeque<>();
    /** Records the producer gave back for a passing reason, in the order it did: they go first again (guarded by waiting). */
    private final Deque<ProducerRecord<String, String>> retry = new ArrayDeque<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong handed = new AtomicLong();
    /** When Kafka last acknowledged a record, or the outbox began: how long it has been silent. */
    private volatile long lastAck = System.nanoTime();
    private final Thread sender;
    private volatile @Nullable String trouble;
    private volatile boolean closed;

    /** @param hub the id of this hub, put in the header of every record */
    Outbox(Producer<String, String> producer, String hub, int bound) {
        this.producer = producer;
        this.hub = new RecordHeader(Records.HUB_HEADER, hub.getBytes(StandardCharsets.UTF_8));
        this.bound = bound;
        this.sender = new Thread(this::sendAll, "cityhub-federation-outbox");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Queues a record; false (and counted) when the bound is reached: records waiting here and those the producer
     * holds unacknowledged count together. A {@code null} value is a tombstone.
     */
    boolean offer(String topic, String key, @Nullable String value) {
        synchronized (waiting) {
            if (waiting.size() + inFlight() >= bound) {
                dropped.incrementAndGet();
                return false;
            }
            waiting.addLast(new ProducerRecord<>(topic, null, key, value, List.of(hub)));
            if (waiting.size() == 1) {
                waiting.notifyAll(); // the sender waits only when nothing waits
            }
            return true;
        }
    }

    /** Records not yet acknowledged by Kafka: waiting here or held by the producer. */
    long waiting() {
        synchronized (waiting) {
            return waiting.size() + inFlight();
        }
    }

    private long inFlight() {
        return handed.get() - sent.get() - failed.get();
    }

    long sent() {
        return sent.get();
    }

    long dropped() {
        return dropped.get();
    }

    long failed() {
        return failed.get();
    }

    /**
     * Why records cannot leave now, or {@code null} when they can: the producer cannot take them, or Kafka has
     * acknowledged none for {@link #SILENCE} while some wait (the producer keeps retrying them).
     */
    @Nullable
    String trouble() {
        String now = trouble;
        if (now == null && inFlight() > 0 && System.nanoTime() - lastAck > SILENCE.toNanos()) {
            return "Kafka has acknowledged no record for over " + SILENCE.toSeconds() + " s; " + waiting()
                    + " wait";
        }
        return now;
    }

    private void sendAll() {
        long backoff = 250;
        List<ProducerRecord<String, String>> batch = new ArrayList<>(BATCH);
        while (!closed) {
            synchronized (waiting) {
                try {
                    while (waiting.isEmpty() && retry.isEmpty() && !closed) {
                        waiting.wait();
                    }
                    if (waiting.size() < BATCH && retry.isEmpty() && !closed) {
                        waiting.wait(GATHER_MILLIS); // offers meanwhile do not notify: the queue is not empty
                    }
                } catch (InterruptedException e) {
                    return;
                }
                // records Kafka gave back go first again, in the order they were sent
                for (Iterator<ProducerRecord<String, String>> back = retry.descendingIterator(); back.hasNext();) {
                    waiting.addFirst(back.next());
                }
                retry.clear();
                // the first records, copied under the lock once and sent outside it: publishers wait for no send
                batch.clear();
                for (ProducerRecord<String, String> record : waiting) {
                    batch.add(record);
                    if (batch.size() == BATCH) {
                        break;
                    }
                }
            }
            int taken = handOver(batch);
            synchronized (waiting) {
                for (int i = 0; i < taken; i++) {
                    waiting.pollFirst();
                }
            }
            boolean givenBack;
            synchronized (waiting) {
                givenBack = !retry.isEmpty();
            }
            if (taken == batch.size() && !givenBack) {
                backoff = 250;
            } else if (!closed) {
                pause(backoff); // Kafka is away: the records not taken stay first in line
                backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
            }
        }
    }

    /**
     * Kafka's answer to one record. A record Kafka could not take for a passing reason (its metadata did not come in
     * {@code max.block.ms}: Kafka is away) goes back to the front of the line, to be sent again when Kafka returns;
     * one it refused for good (too large, not authorised) is counted as failed and logged.
     */
    private void acknowledged(ProducerRecord<String, String> record, @Nullable Exception failure) {
        if (failure == null) {
            sent.incrementAndGet();
            lastAck = System.nanoTime();
            trouble = null; // Kafka answers
            return;
        }
        if (failure instanceof RetriableException && !closed) {
            synchronized (waiting) {
                handed.decrementAndGet();
                retry.addLast(record);
                waiting.notifyAll();
            }
            trouble = "Kafka cannot be reached: " + failure.getMessage();
            return;
        }
        failed.incrementAndGet();
        LOG.warn("Federation: Kafka refused a record for {}: {}", record.topic(), failure.toString());
    }

    /** Gives the records to the producer in order; returns how many it took before it could take no more. */
    private int handOver(List<ProducerRecord<String, String>> batch) {
        int taken = 0;
        for (ProducerRecord<String, String> record : batch) {
            try {
                if (inFlight() == 0) {
                    lastAck = System.nanoTime(); // silence is counted from the first record Kafka owes an answer
                }
                handed.incrementAndGet(); // before the send: its acknowledgement may come before send returns
                producer.send(record, (metadata, failure) -> acknowledged(record, failure));
                taken++;
            } catch (org.apache.kafka.common.KafkaException e) {
                handed.decrementAndGet();
                if (!closed) {
                    // metadata or buffer space not there in max.block.ms: Kafka is away
                    if (trouble == null) {
                        LOG.warn("Federation: cannot send to Kafka ({}); {} records wait, up to {}", e.getMessage(),
                                waiting(), bound);
                    }
                    trouble = "Kafka cannot be reached: " + e.getMessage();
                }
                break;
            }
        }
        return taken;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // a backoff before trying Kafka again, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops; what the producer holds is flushed for up to 5 s. */
    @Override
    public void close() {
        closed = true;
        synchronized (waiting) {
            waiting.notifyAll();
        }
        sender.interrupt();
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
