package org.cityhub.console.internal.command;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.event.Event;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventSubscriber;
import org.cityhub.api.event.MissedEvents;
import org.cityhub.api.event.OverflowPolicy;
import org.cityhub.api.event.Subscription;
import org.cityhub.api.event.SubscriptionOptions;
import org.cityhub.api.event.TopicFilter;

/** Tails the event bus live until Ctrl-C, a count or a time limit. */
@Command(scope = "cityhub", name = "events", description = "Prints events as they are published, until Ctrl-C"
        + " (or --count / --seconds)")
@Service
public class EventsCommand implements Action {

    @Argument(index = 0, name = "topics", description = "Comma-separated topic patterns with MQTT wildcards (+ one"
            + " segment, # the rest), e.g. cityhub/things/+/status; default: cityhub/#")
    String topics = "cityhub/#";

    @Option(name = "--count", aliases = "-n", description = "Stop after this many events")
    long count = Long.MAX_VALUE;

    @Option(name = "--seconds", aliases = "-s", description = "Stop after this many seconds (0, the default: no limit)")
    long seconds;

    @Reference
    private EventBus bus;

    @Override
    public Object execute() throws InterruptedException {
        TopicFilter filter = TopicFilter.parse(topics);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        EventSubscriber printer = new EventSubscriber() {
            @Override
            public void onEvent(Event event) {
                lines.add(event.sequence() + " " + event.timestamp() + " " + event.type() + " " + event.topic() + " "
                        + event.payload());
            }

            @Override
            public void onMissed(MissedEvents missed) {
                lines.add("-- missed " + missed.count() + " events (sequence " + missed.from() + ".." + missed.to() + ")");
            }
        };
        long deadline = System.nanoTime() + Duration.ofSeconds(Math.max(seconds, 0)).toNanos();
        try (Subscription subscription = bus.subscribe(filter, printer,
                SubscriptionOptions.named("console events").withQueue(1_000, OverflowPolicy.DROP_OLDEST))) {
            for (long printed = 0; printed < count && (seconds <= 0 || System.nanoTime() - deadline < 0);) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    System.out.println(line);
                    printed += line.startsWith("--") ? 0 : 1;
                }
            }
        }
        return null;
    }
}
