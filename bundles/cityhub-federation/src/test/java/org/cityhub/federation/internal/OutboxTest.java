package org.cityhub.federation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbox against Kafka's own test producer, which answers each record as the test says. */
class OutboxTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final MockProducer<String, String> kafka = new MockProducer<>(false, null, new StringSerializer(),
            new StringSerializer());
    private final Outbox outbox = new Outbox(kafka, "a", 3);

    @AfterEach
    void close() {
        outbox.close();
    }

    @Test
    void aRecordKafkaCouldNotTakeForAPassingReasonIsSentAgainInItsPlace() {
        outbox.offer("cityhub.events", "light-1", "1");
        outbox.offer("cityhub.events", "light-1", "2");
        await().atMost(PATIENCE).until(() -> kafka.history().size() == 2);
        assertThat(kafka.history().get(0).headers().lastHeader(Records.HUB_HEADER).value())
                .as("the origin hub, readable without the value").isEqualTo("a".getBytes(StandardCharsets.UTF_8));

        kafka.errorNext(new TimeoutException("Topic cityhub.events not present in metadata after 5000 ms."));
        kafka.errorNext(new TimeoutException("Topic cityhub.events not present in metadata after 5000 ms."));
        assertThat(outbox.trouble()).startsWith("Kafka cannot be reached");
        await().atMost(PATIENCE).until(() -> kafka.history().size() == 4);
        assertThat(kafka.history().subList(2, 4)).extracting(ProducerRecord::value).containsExactly("1", "2");

        kafka.completeNext();
        kafka.completeNext();
        assertThat(outbox.sent()).isEqualTo(2);
        assertThat(outbox.failed()).isZero();
        assertThat(outbox.trouble()).isNull();
    }

    @Test
    void pastTheBoundRecordsAreCountedAsDroppedAndARefusedOneAsFailed() {
        for (int i = 0; i < 5; i++) {
            outbox.offer("cityhub.events", "light-1", Integer.toString(i));
        }
        assertThat(outbox.dropped()).as("three wait or are unacknowledged at most").isEqualTo(2);
        await().atMost(PATIENCE).until(() -> kafka.history().size() == 3);

        kafka.errorNext(new RecordTooLargeException("too large"));
        assertThat(outbox.failed()).isEqualTo(1);
        assertThat(outbox.offer("cityhub.events", "light-1", "5")).as("room again").isTrue();
    }
}
