package org.cityhub.benchmarks.sse;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.cityhub.api.admin.Backup;
import org.cityhub.api.admin.BindingManager;
import org.cityhub.api.discovery.Inbox;
import org.cityhub.api.ingest.IngestService;
import org.cityhub.api.metrics.MetricsSink;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.ThingCommands;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.benchmarks.SseFrameReader;
import org.cityhub.core.internal.event.AsyncEventBus;
import org.cityhub.core.internal.event.DeliveryPool;
import org.cityhub.core.internal.security.AuditTrail;
import org.cityhub.core.internal.security.TokenRegistry;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.rest.internal.ApiServlet;
import org.cityhub.rest.internal.EventStreamResource;
import org.cityhub.rest.internal.HttpMetrics;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * SSE fan-out under load: the hub's REST servlet and event bus on Jetty 9.4 (Karaf's version), N clients on
 * loopback each following its own topic, and a publisher pacing a total rate across those topics. Each payload
 * carries its publish time, so the clients measure publish-to-receipt latency on the same clock.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.sse.SseLoadTest [clients] [events/s] [seconds]</pre>
 */
public final class SseLoadTest {

    private final int clients;
    private final int rate;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private final LongAdder received = new LongAdder();
    private final LongAdder missedFrames = new LongAdder();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean publishing = true;

    private SseLoadTest(int clients, int rate) {
        this.clients = clients;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        new SseLoadTest(clients, rate).run(Duration.ofSeconds(10), Duration.ofSeconds(seconds));
    }

    private void run(Duration warmup, Duration measurement) throws Exception {
        DeliveryPool delivery = new DeliveryPool(2, Duration.ofMillis(500));
        AsyncEventBus bus = AsyncEventBus.inMemory(10_000, 10_000, delivery);
        Path state = Files.createTempDirectory("sse-load-");
        TokenRegistry tokens = new TokenRegistry(bus, new DamagedFiles(), config(TokenRegistry.Config.class,
                Map.of("stateDirectory", state.toString())));
        String token = tokens.create("load", Role.VIEWER, DepartmentScope.ALL, null, "load test").secret();
        EventStreamResource events = new EventStreamResource(bus, tokens,
                config(EventStreamResource.Config.class, Map.of("connectionsPerToken", clients)));
        Server server = jetty(new ApiServlet(unused(ThingRegistry.class), unused(ThingCommands.class),
                unused(IngestService.class), unused(ThingTypeRegistry.class),
                unused(ManagedThings.class), unused(Inbox.class), unused(BindingManager.class),
                unused(Backup.class), events, new HttpMetrics(), tokens,
                new AuditTrail(new DamagedFiles(), config(AuditTrail.Config.class,
                        Map.of("stateDirectory", state.toString()))),
                config(ApiServlet.Config.class, Map.of("burstRequests", clients))));
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        ExecutorService clientThreads = Executors.newFixedThreadPool(4);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
        for (int i = 0; i < clients; i++) {
            http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events?topics=load/" + i))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.fromLineSubscriber(new SseFrameReader(this::frame)));
        }
        awaitClients(events, clients);
        System.out.printf("%d SSE clients connected; publishing %d events/s over %d topics%n", clients, rate, clients);

        Thread publisher = new Thread(() -> publish(bus), "load-publisher");
        publisher.start();
        TimeUnit.MILLISECONDS.sleep(warmup.toMillis()); // warm-up period of the load, not synchronisation
        latencies.reset();
        received.reset();
        long startPublished = published.get();
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        TimeUnit.MILLISECONDS.sleep(measurement.toMillis()); // the measured period
        long elapsed = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuStart;
        long deliveredCount = received.sum();
        long publishedCount = published.get() - startPublished;
        publishing = false;
        publisher.join();
        report(events, elapsed, deliveredCount, publishedCount, cpu);
        server.stop();
        delivery.shutdown(Duration.ZERO);
        clientThreads.shutdownNow();
    }

    private void publish(AsyncEventBus bus) {
        long perMillisecond = Math.max(1, rate / 1000);
        long next = System.nanoTime();
        long n = 0;
        while (publishing) {
            for (int i = 0; i < perMillisecond; i++, n++) {
                bus.publish("load/" + (n % clients), "load", "{\"t\":" + System.nanoTime() + ",\"n\":" + n + "}", "load");
            }
            published.addAndGet(perMillisecond);
            next += 1_000_000;
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
        }
    }

    private void report(EventStreamResource events, long elapsedNanos, long delivered, long publishedCount, long cpuNanos) {
        double seconds = elapsedNanos / 1e9;
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("clients                 %d%n", clients);
        System.out.printf("published events/s      %.0f%n", publishedCount / seconds);
        System.out.printf("delivered events/s      %.0f%n", delivered / seconds);
        System.out.printf("latency p50 / p99 / p99.9  %.1f / %.1f / %.1f ms%n", latencies.percentileMillis(0.50),
                latencies.percentileMillis(0.99), latencies.percentileMillis(0.999));
        System.out.printf("missed events (notices) %d%n", missedFrames.sum());
        System.out.printf("clients dropped         %.0f%n", metric(events, "cityhub_sse_clients_dropped_total"));
        System.out.printf("clients connected       %.0f%n", metric(events, "cityhub_sse_clients"));
        System.out.printf("CPU (cores busy)        %.2f of %d%n", cpuNanos / (double) elapsedNanos,
                runtime.availableProcessors());
        System.out.printf("heap after GC           %d MiB%n", heap / (1024 * 1024));
        System.out.printf("threads                 %d%n", Thread.activeCount());
    }

    /** One client's frame: a missed notice is counted, an event's latency measured. */
    private void frame(String event, String data) {
        if ("missed".equals(event)) {
            missedFrames.add(count(data));
        } else {
            latencies.record(System.nanoTime() - sentAt(data));
            received.increment();
        }
    }

    private static long sentAt(String data) {
        int start = data.indexOf("\"t\":") + 4;
        return Long.parseLong(data, start, data.indexOf(',', start), 10);
    }

    private static long count(String data) {
        int start = data.indexOf("\"count\":") + 8;
        return Long.parseLong(data, start, data.indexOf('}', start), 10);
    }

    private static void awaitClients(EventStreamResource events, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (metric(events, "cityhub_sse_clients") < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + metric(events, "cityhub_sse_clients") + " of " + expected
                        + " SSE clients connected within 60 s");
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling a condition with a deadline
        }
    }

    private static double metric(EventStreamResource events, String name) {
        double[] value = { Double.NaN };
        events.collect(new MetricsSink() {
            @Override
            public void counter(String metric, String help, Map<String, String> labels, double v) {
                gauge(metric, help, labels, v);
            }

            @Override
            public void gauge(String metric, String help, Map<String, String> labels, double v) {
                if (metric.equals(name)) {
                    value[0] = v;
                }
            }
        });
        return value[0];
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static Server jetty(ApiServlet servlet) throws Exception {
        Server server = new Server(new QueuedThreadPool(200, 8));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/api/*");
        server.setHandler(context);
        server.start();
        return server;
    }

    /** A component's typed configuration: its declared defaults, with some values overridden. */
    private static <T> T config(Class<T> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) ->
                method.getName().equals("annotationType") ? type
                        : overrides.getOrDefault(method.getName(), method.getDefaultValue())));
    }

    /**
     * A hub service the load test never calls: the servlet needs one to be built, the event stream does not use
     * it. Any call fails loudly.
     */
    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("toString") ? "unused " + type.getSimpleName()
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName()
                    + " is not used by the SSE load test");
        }));
    }
}
