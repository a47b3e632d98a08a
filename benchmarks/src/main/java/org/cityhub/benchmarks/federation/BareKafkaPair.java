package org.cityhub.benchmarks.federation;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cityhub.benchmarks.LatencyHistogram;

/**
 * The practical limit of cross-hub delivery on this machine: Kafka's own client, a producer sending records of the
 * size hub a sends, keyed over 100 keys at the same rate, with the hub's producer settings (all acknowledgements,
 * idempotent, 5 ms linger, one request in flight), and a consumer in the same JVM reading them; latency from send to
 * receipt. Run in the background, the same pair keeps the broker as busy as a federated hub does, without a hub.
 */
final class BareKafkaPair implements AutoCloseable {

    private static final int KEYS = 100;

    /** Records received per second and the send-to-receipt percentiles in milliseconds. */
    record Result(double perSecond, double p50, double p99, double p999) {
    }

    private final String bootstrap;
    private final String topic = "bare-" + System.nanoTime();
    private final int rate;
    private final String record;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final LongAdder received = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread consumer = new Thread(this::consume, "bare-consumer");
    private final Thread producer = new Thread(this::produce, "bare-producer");
    private volatile boolean running = true;

    private BareKafkaPair(String bootstrap, int rate, String record) {
        this.bootstrap = bootstrap;
        this.rate = rate;
        this.record = record;
    }

    /** Measures the pair: 10 s of warm-up, then the measured period. */
    static Result run(String bootstrap, int rate, Duration measurement, String record) throws Exception {
        try (BareKafkaPair pair = start(bootstrap, rate, record)) {
            TimeUnit.SECONDS.sleep(10); // warm-up: a fixed period of load, not a synchronisation
            pair.latencies.reset();
            pair.received.reset();
            long start = System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(measurement.toNanos()); // the measured period
            double seconds = (System.nanoTime() - start) / 1e9;
            long count = pair.received.sum();
            pair.check();
            return new Result(count / seconds, pair.latencies.percentileMillis(0.50),
                    pair.latencies.percentileMillis(0.99), pair.latencies.percentileMillis(0.999));
        }
    }

    /** Starts the pair on a topic of its own; it runs until closed. */
    static BareKafkaPair start(String bootstrap, int rate, String record) throws Exception {
        BareKafkaPair pair = new BareKafkaPair(bootstrap, rate, record);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(pair.topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        pair.consumer.start();
        pair.producer.start();
        return pair;
    }

    /** How many records the consumer has received so far. */
    long received() {
        return received.sum();
    }

    /** Throws what failed in the pair's threads, if anything did. */
    void check() {
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("the bare Kafka pair failed", failed);
        }
    }

    private void consume() {
        Map<String, Object> settings = Map.of("bootstrap.servers", bootstrap, "group.id", topic,
                "enable.auto.commit", false);
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, String> taken : reader.poll(Duration.ofMillis(100))) {
                    Header sent = taken.headers().lastHeader("t");
                    latencies.record((System.nanoTime() - ByteBuffer.wrap(sent.value()).getLong()) / 1_000);
                    received.increment();
                }
            }
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Sends {@code rate} records a second, a hundredth of them every 10 ms, until closed. */
    private void produce() {
        Map<String, Object> settings = Map.of("bootstrap.servers", bootstrap, "acks", "all",
                "enable.idempotence", true, "linger.ms", 5, "max.in.flight.requests.per.connection", 1);
        try (KafkaProducer<String, String> sender = new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer())) {
            int perTick = Math.max(1, rate / 100);
            long next = System.nanoTime();
            int key = 0;
            while (running) {
                for (int i = 0; i < perTick; i++) {
                    ProducerRecord<String, String> out = new ProducerRecord<>(topic, "k" + (key++ % KEYS), record);
                    out.headers().add("t", ByteBuffer.allocate(Long.BYTES).putLong(System.nanoTime()).array());
                    sender.send(out, (metadata, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                    });
                }
                next += TimeUnit.MILLISECONDS.toNanos(10);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the sender, not a synchronisation
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure.compareAndSet(null, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        producer.join();
        consumer.join();
        check();
    }
}
