package org.cityhub.federation.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.federation.FederationState;
import org.cityhub.api.federation.FederationStatus;
import org.cityhub.api.federation.HubInfo;
import org.cityhub.api.federation.RemoteAnswer;
import org.cityhub.api.federation.RemoteCaller;
import org.cityhub.api.federation.RemoteCommands;
import org.cityhub.api.federation.RemoteThings;
import org.cityhub.api.health.HealthCheck;
import org.cityhub.api.health.HealthIndicator;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.ThingCommands;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.Command;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This hub in a federation of hubs joined through Apache Kafka: it shares its things, takes in the others', and
 * carries commands between them. Off unless {@code etc/org.cityhub.federation.cfg} exists; the hub works on alone
 * whenever Kafka is away, and federation catches up when it returns.
 */
@Component(service = { RemoteCommands.class, FederationStatus.class, HealthIndicator.class },
        configurationPid = "org.cityhub.federation",
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = FederationService.Config.class)
public final class FederationService implements RemoteCommands, FederationStatus, HealthIndicator {

    /** Typed configuration, PID {@code org.cityhub.federation}; {@code kafka.*} keys go to Kafka's clients. */
    @ObjectClassDefinition(name = "CityHub federation", description = "Hubs joined through Apache Kafka")
    public @interface Config {

        @AttributeDefinition(description = "This hub's id, unique in the federation: 1 to 63 of a-z, 0-9 and '-'")
        String hubId();

        @AttributeDefinition(description = "Kafka's bootstrap servers, host:port, comma-separated")
        String bootstrapServers();

        @AttributeDefinition(description = "The prefix of the federation's topic names")
        String topicPrefix() default "cityhub";

        @AttributeDefinition(description = "The departments whose things this hub shares, '*' for all; households'"
                + " things are never shared")
        String shareDepartments() default "*";

        @AttributeDefinition(description = "Things this hub shares whatever their department: thing UIDs,"
                + " comma-separated")
        String shareThings() default "";

        @AttributeDefinition(description = "Tags: this hub shares the things with any of them whatever their"
                + " department, comma-separated")
        String shareTags() default "";

        @AttributeDefinition(description = "Things this hub never shares, whatever else says so: thing UIDs,"
                + " comma-separated")
        String withholdThings() default "";

        @AttributeDefinition(description = "Seconds between two heartbeats of this hub", min = "1")
        int heartbeatSeconds() default 3;

        @AttributeDefinition(description = "Seconds after another hub's last heartbeat when its things turn"
                + " OFFLINE / HUB_OFFLINE", min = "2")
        int offlineAfterSeconds() default 15;

        @AttributeDefinition(description = "Seconds a command to another hub's thing waits for its answer", min = "1")
        int commandTimeoutSeconds() default 10;

        @AttributeDefinition(description = "Records that wait for Kafka at most while it is away; past it, new ones"
                + " are counted as dropped", min = "1")
        int bufferRecords() default 100_000;

        @AttributeDefinition(description = "Partitions of the things and events topics this hub makes when they are"
                + " missing", min = "1")
        int partitions() default 6;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FederationService.class);

    private final FederationSettings settings;
    private final String instance;
    private final Instant started = Instant.now();
    private final Topics topics;
    private final Outbox outbox;
    private final LocalShare share;
    private final HubTable hubs;
    private final CommandDesk desk;
    private final Inbound inbound;
    private final RemoteCity city;
    private final Admin admin;
    private final RemoteThings remote;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cityhub-federation-timer");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    @Activate
    public FederationService(@Reference EventBus bus, @Reference ThingRegistry registry,
            @Reference RemoteThings remote, @Reference ThingCommands commands, @Reference Grants grants, Config config,
            Map<String, Object> properties) {
        this.settings = FederationSettings.of(config, properties);
        this.remote = remote;
        this.topics = new Topics(settings.prefix());
        this.instance = instance();
        this.hubs = new HubTable(settings.offlineAfter(), Clock.systemUTC());
        this.outbox = new Outbox(withBundleLoader(() -> new KafkaProducer<>(producerSettings(), new StringSerializer(),
                new StringSerializer())), settings.hubId(), settings.bufferRecords());
        this.share = new LocalShare(settings, registry, bus, outbox);
        this.desk = new CommandDesk(settings, outbox, registry, commands, grants, share, hubs, timer);
        this.city = new RemoteCity(remote, registry, hubs);
        this.admin = withBundleLoader(() -> Admin.create(clientSettings("admin")));
        this.inbound = new Inbound(settings, instance, withBundleLoader(() -> new KafkaConsumer<>(consumerSettings(),
                new StringDeserializer(), new StringDeserializer())), city,
                () -> TopicSetup.ensure(admin, settings, () -> stopping), this::begin);
        inbound.start(desk);
        LOG.info("Federation: hub {} (instance {}) joins {} through Kafka at {}", settings.hubId(), instance,
                settings.prefix(), settings.bootstrapServers());
    }

    /** This hub's id is its own: it begins to share and to say it is alive. */
    private void begin(Set<ThingUID> publishedBefore) {
        share.start(publishedBefore);
        timer.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(() -> heartbeat(true), 0, settings.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Federation: hub {} shares its things and takes in the others'", settings.hubId());
    }

    private void tick() {
        try {
            share.sendViews();
        } catch (RuntimeException e) {
            LOG.warn("Federation: things' views not sent this time: {}", e.toString());
        }
    }

    private void heartbeat(boolean running) {
        outbox.offer(topics.hubs(), settings.hubId(), Records.heartbeat(settings.hubId(), instance, started, running,
                share.count(), settings.heartbeat().toMillis()));
    }

    @Override
    public CompletionStage<RemoteAnswer> send(String hub, ChannelUID channel, Command command, RemoteCaller caller) {
        if (inbound.phase() != Inbound.Phase.RUNNING) {
            return CompletableFuture.completedFuture(RemoteAnswer.noAnswer("federation is not running: "
                    + describe()));
        }
        return desk.send(hub, channel, command, caller);
    }

    @Override
    public FederationState state() {
        String trouble = inbound.trouble() != null ? inbound.trouble() : outbox.trouble();
        return new FederationState(settings.hubId(), settings.bootstrapServers(), settings.prefix(),
                inbound.phase().name().toLowerCase(Locale.ROOT).replace('_', ' '), trouble,
                inbound.phase() == Inbound.Phase.RUNNING ? share.count() : 0, outbox.waiting(), outbox.sent(),
                outbox.dropped(), inbound.received(), inbound.unreadable());
    }

    @Override
    public List<HubInfo> hubs() {
        return hubs.all().stream().sorted(Comparator.comparing(HubTable.Hub::id))
                .map(hub -> new HubInfo(hub.id(), hub.alive(), hub.stopped(), hub.started(), hub.lastHeard(),
                        hub.things(), remote.of(hub.id()).size(), city.lag(hub.id())))
                .toList();
    }

    @Override
    public HealthCheck check() {
        boolean running = inbound.phase() == Inbound.Phase.RUNNING && outbox.trouble() == null
                && inbound.trouble() == null;
        return new HealthCheck("federation", true, describe(), !running);
    }

    private String describe() {
        FederationState state = state();
        long alive = hubs.all().stream().filter(HubTable.Hub::alive).count();
        return "hub " + state.hubId() + ", " + state.phase() + (state.trouble() == null ? "" : ": " + state.trouble())
                + "; other hubs alive " + alive + " of " + hubs.all().size() + "; records waiting " + state.waiting()
                + ", sent " + state.sent() + ", dropped " + state.dropped() + "; received " + state.received();
    }

    @Deactivate
    void stop() {
        stopping = true;
        if (inbound.phase() == Inbound.Phase.RUNNING) {
            heartbeat(false); // the others mark this hub's things offline at once, not after the offline time
        }
        timer.shutdownNow();
        share.close();
        desk.close();
        inbound.close();
        outbox.close();
        admin.close();
    }

    private Map<String, Object> clientSettings(String role) {
        Map<String, Object> properties = new HashMap<>(settings.kafka());
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "cityhub-" + settings.hubId() + "-" + role);
        return properties;
    }

    private Map<String, Object> producerSettings() {
        Map<String, Object> properties = clientSettings("producer");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE); // retried until Kafka returns
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // One request at a time per broker: with more, a request refused while a new topic's partition is not yet
        // led (NOT_LEADER_OR_FOLLOWER) can be overtaken by the next, after which the broker refuses the first's
        // records for good as out of order, and the idempotent producer retries them without end (KAFKA-15591)
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        return properties;
    }

    private Map<String, Object> consumerSettings() {
        Map<String, Object> properties = clientSettings("consumer");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.prefix() + ".hub." + settings.hubId());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        return properties;
    }

    /** Kafka's clients load classes by name through the context class loader: this bundle's, while they are made. */
    private static <T> T withBundleLoader(Supplier<T> make) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(FederationService.class.getClassLoader());
        try {
            return make.get();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** This installation's instance id, kept in state/: the same hub restarted is the same instance. */
    private static String instance() {
        Path file = Path.of(System.getProperty("karaf.base", "."), "state", "federation", "instance");
        try {
            if (Files.isRegularFile(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (id.matches("[0-9a-f-]{36}")) {
                    return id;
                }
            }
            String id = UUID.randomUUID().toString();
            Files.createDirectories(file.getParent());
            Files.writeString(file, id, StandardCharsets.UTF_8);
            return id;
        } catch (IOException e) {
            LOG.warn("Federation: cannot keep this hub's instance id in {} ({}); a restart counts as a new instance",
                    file, e.toString());
            return UUID.randomUUID().toString();
        }
    }
}
