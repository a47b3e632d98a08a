package org.cityhub.benchmarks.federation;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * idempotent, 5 ms linger), and a consumer in the same JVM reading them; latency from send to receipt.
 */
final class BareKafkaPair {

    private static final int KEYS = 100;

    /** Records received per second and the send-to-receipt percentiles in milliseconds. */
    record Result(double perSecond, double p50, double p99, double p999) {
    }

    private BareKafkaPair() {
    }

    static Result run(String bootstrap, int rate, Duration measurement, String record) throws Exception {
        String topic = "bare-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        LatencyHistogram latencies = new LatencyHistogram();
        LongAdder received = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, Object> consumerSettings = Map.of("bootstrap.servers", bootstrap, "group.id", topic,
                "enable.auto.commit", false);
        Thread consumer = new Thread(() -> {
            try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(consumerSettings, new StringDeserializer(),
                    new StringDeserializer())) {
                List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                reader.assign(partitions);
                reader.seekToBeginning(partitions);
                while (running.get()) {
                    for (ConsumerRecord<String, String> taken : reader.poll(Duration.ofMillis(100))) {
                        Header sent = taken.headers().lastHeader("t");
                        latencies.record((System.nanoTime() - ByteBuffer.wrap(sent.value()).getLong()) / 1_000);
                        received.increment();
                    }
                }
            }
        }, "bare-consumer");
        consumer.start();
        Map<String, Object> producerSettings = Map.of("bootstrap.servers", bootstrap, "acks", "all",
                "enable.idempotence", true, "linger.ms", 5);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerSettings, new StringSerializer(),
                new StringSerializer())) {
            send(producer, topic, rate, Duration.ofSeconds(10), record); // warm-up
            latencies.reset();
            received.reset();
            long start = System.nanoTime();
            send(producer, topic, rate, measurement, record);
            double seconds = (System.nanoTime() - start) / 1e9;
            long count = received.sum();
            running.set(false);
            consumer.join();
            return new Result(count / seconds, latencies.percentileMillis(0.50), latencies.percentileMillis(0.99),
                    latencies.percentileMillis(0.999));
        }
    }

    /** Sends {@code rate} records a second, a hundredth of them every 10 ms, for the duration. */
    private static void send(KafkaProducer<String, String> producer, String topic, int rate, Duration duration,
            String record) throws InterruptedException {
        int perTick = Math.max(1, rate / 100);
        long end = System.nanoTime() + duration.toNanos();
        long next = System.nanoTime();
        int key = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < perTick; i++) {
                ProducerRecord<String, String> out = new ProducerRecord<>(topic, "k" + (key++ % KEYS), record);
                out.headers().add("t", ByteBuffer.allocate(Long.BYTES).putLong(System.nanoTime()).array());
                producer.send(out);
            }
            next += TimeUnit.MILLISECONDS.toNanos(10);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing the sender, not a synchronisation
            }
        }
    }
}
