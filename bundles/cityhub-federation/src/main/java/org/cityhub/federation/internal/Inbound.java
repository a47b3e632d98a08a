package org.cityhub.federation.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.cityhub.api.thing.ThingUID;
import org.eclipse.jdt.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Takes in the federation's records on one thread: every hub's things from the start of the compacted things topic
 * (this hub keeps other hubs' things in memory only), the heartbeats likewise, the events from where this hub left
 * off, and this hub's commands and replies; other hubs' records go to the {@link RemoteCity}, commands and replies
 * to the {@link CommandDesk}. Before this hub says anything it checks that no other hub runs with its id.
 */
final class Inbound implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Inbound.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(5);

    /** Where the hub's start-up stands. */
    enum Phase { CONNECTING, CHECKING_HUB_ID, RUNNING, REFUSED, STOPPED }

    private final FederationSettings settings;
    private final Topics topics;
    private final String instance;
    private final KafkaConsumer<String, String> consumer;
    private final RemoteCity city;
    private final Consumer<Set<ThingUID>> started;
    private final Runnable setUp;
    private final byte[] ownId;
    /** This hub's commands and replies topics, compared with every record's topic. */
    private final String commandsTopic;
    private final String repliesTopic;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final Thread thread;
    private volatile CommandDesk desk;
    private volatile Phase phase = Phase.CONNECTING;
    private volatile @Nullable String trouble;
    private volatile boolean closed;

    /**
     * @param setUp makes the topics that are missing; it returns once they are there
     * @param started told, once this hub's id is known to be its own, of the things this hub had published before
     */
    Inbound(FederationSettings settings, String instance, KafkaConsumer<String, String> consumer, RemoteCity city,
            Runnable setUp, Consumer<Set<ThingUID>> started) {
        this.city = city;
        this.setUp = setUp;
        this.settings = settings;
        this.topics = new Topics(settings.prefix());
        this.ownId = settings.hubId().getBytes(StandardCharsets.UTF_8);
        this.commandsTopic = topics.commands(settings.hubId());
        this.repliesTopic = topics.replies(settings.hubId());
        this.instance = instance;
        this.consumer = consumer;
        this.started = started;
        this.thread = new Thread(this::run, "cityhub-federation-inbound");
        thread.setDaemon(true);
    }

    void start(CommandDesk commands) {
        this.desk = commands;
        thread.start();
    }

    Phase phase() {
        return phase;
    }

    @Nullable
    String trouble() {
        return trouble;
    }

    long received() {
        return received.get();
    }

    long unreadable() {
        return unreadable.get();
    }

    private void run() {
        try {
            setUp.run();
            List<TopicPartition> events = assign();
            Set<ThingUID> mine = checkHubId();
            if (mine == null) {
                return;
            }
            phase = Phase.RUNNING;
            started.accept(mine);
            Instant committed = Instant.now();
            while (!closed) {
                poll();
                if (Instant.now().isAfter(committed.plus(COMMIT_EVERY))) {
                    commit(events, false);
                    committed = Instant.now();
                }
            }
            commit(events, true);
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            if (!closed) {
                trouble = "federation stopped taking records in: " + e;
                LOG.error("Federation: stopped taking records in", e);
            }
        } finally {
            phase = closed ? Phase.STOPPED : phase;
        }
    }

    /** Assigns every partition of the topics, waiting for Kafka as long as it takes; returns the events' ones. */
    private List<TopicPartition> assign() {
        List<TopicPartition> fromStart = new ArrayList<>();
        List<TopicPartition> resumed = new ArrayList<>();
        List<TopicPartition> fromNow = new ArrayList<>();
        fromStart.addAll(partitions(topics.things()));
        fromStart.addAll(partitions(topics.hubs()));
        List<TopicPartition> events = partitions(topics.events());
        resumed.addAll(events);
        resumed.addAll(partitions(commandsTopic));
        fromNow.addAll(partitions(repliesTopic));
        List<TopicPartition> all = new ArrayList<>(fromStart);
        all.addAll(resumed);
        all.addAll(fromNow);
        consumer.assign(all);
        consumer.seekToBeginning(fromStart);
        consumer.seekToEnd(fromNow);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(resumed));
        for (TopicPartition partition : resumed) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset);
            }
        }
        trouble = null;
        return events;
    }

    private List<TopicPartition> partitions(String topic) {
        long backoff = 250;
        while (!closed) {
            try {
                List<PartitionInfo> found = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (found != null && !found.isEmpty()) {
                    return found.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
                }
                trouble = "topic " + topic + " is not there yet";
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                trouble = "Kafka cannot be reached at " + settings.bootstrapServers() + ": " + e.getMessage();
            }
            pause(backoff);
            backoff = Math.min(backoff * 2, 10_000);
        }
        throw new WakeupException();
    }

    /**
     * Reads the heartbeats and the things' views up to their ends before this hub says anything: a hub with this
     * hub's id but another instance that was alive lately means two hubs were given one id, and this one refuses.
     *
     * @return the things this hub published before, or null if it refused
     */
    private @Nullable Set<ThingUID> checkHubId() {
        phase = Phase.CHECKING_HUB_ID;
        Set<ThingUID> mine = new HashSet<>();
        List<TopicPartition> catchUp = new ArrayList<>(partitions(topics.hubs()));
        catchUp.addAll(partitions(topics.things()));
        Map<TopicPartition, Long> ends = consumer.endOffsets(catchUp);
        while (!closed && ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                if (record.topic().equals(topics.hubs()) && record.key().equals(settings.hubId())) {
                    String conflict = conflict(record.value());
                    if (conflict != null) {
                        phase = Phase.REFUSED;
                        trouble = conflict;
                        LOG.error("Federation: {}", conflict);
                        return null;
                    }
                } else if (record.topic().equals(topics.things())) {
                    ownView(record, mine);
                }
                take(record);
            }
        }
        return mine;
    }

    private @Nullable String conflict(@Nullable String heartbeat) {
        return Records.read(heartbeat).filter(node -> !node.path("instance").asText().equals(instance))
                .filter(node -> node.path("state").asText().equals("running"))
                .filter(node -> Records.instant(node.path("sent")) != null && Records.instant(node.path("sent"))
                        .plus(settings.offlineAfter()).isAfter(Instant.now()))
                .map(node -> "another hub runs with this hub's id '" + settings.hubId() + "' (instance "
                        + node.path("instance").asText() + ", heard of at " + node.path("sent").asText()
                        + "); two hubs must not share an id: this one does not federate until its hubId is changed"
                        + " in etc/org.cityhub.federation.cfg")
                .orElse(null);
    }

    private void ownView(ConsumerRecord<String, String> record, Set<ThingUID> mine) {
        ThingUID uid = ThingUID.parse(record.key());
        if (record.value() == null) {
            mine.remove(uid);
        } else if (Records.read(record.value()).map(node -> node.path("hub").asText().equals(settings.hubId()))
                .orElse(false)) {
            mine.add(uid);
        }
    }

    private void poll() {
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
            take(record);
        }
        city.checkHubs();
    }

    private void take(ConsumerRecord<String, String> record) {
        received.incrementAndGet();
        String topic = record.topic();
        try {
            if (own(record) && !topic.equals(commandsTopic) && !topic.equals(repliesTopic)) {
                return; // this hub's own events, views and heartbeats come back to it: passed over unread
            }
            if (topic.equals(topics.things()) && record.value() == null) {
                city.forget(ThingUID.parse(record.key()));
                return;
            }
            JsonNode node = Records.read(record.value()).orElse(null);
            if (node == null) {
                unreadable.incrementAndGet();
            } else if (topic.equals(repliesTopic)) {
                desk.replied(node);
            } else if (topic.equals(commandsTopic)) {
                consumer.commitSync(Map.of(new TopicPartition(topic, record.partition()),
                        new OffsetAndMetadata(record.offset() + 1))); // at most once: done before it runs
                desk.received(node);
            } else if (!node.path("hub").asText().equals(settings.hubId())) { // this hub's own records are skipped
                city.take(node, phase == Phase.RUNNING);
            }
        } catch (RuntimeException e) {
            unreadable.incrementAndGet();
            LOG.warn("Federation: a record of {} could not be taken in ({}); it is skipped", topic, e.toString());
        }
    }

    /** Whether the record's header names this hub as its origin. */
    private boolean own(ConsumerRecord<String, String> record) {
        Header hub = record.headers().lastHeader(Records.HUB_HEADER);
        return hub != null && Arrays.equals(hub.value(), ownId);
    }

    /** Saves where the events were read to; asynchronously while running, waiting for it at the end. */
    private void commit(List<TopicPartition> events, boolean last) {
        Map<TopicPartition, OffsetAndMetadata> positions = new java.util.HashMap<>();
        for (TopicPartition partition : events) {
            positions.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        if (last) {
            try {
                consumer.commitSync(positions);
            } catch (org.apache.kafka.common.KafkaException e) {
                LOG.info("Federation: where the events were read to could not be saved at the stop: {}", e.toString());
            }
            return;
        }
        consumer.commitAsync(positions, (offsets, failure) -> {
            if (failure != null) {
                LOG.debug("Federation: where the events were read to is not saved this time: {}", failure.toString());
            }
        });
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // a backoff before asking Kafka again, not a synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close(Duration.ofSeconds(5));
    }
}
