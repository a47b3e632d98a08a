package org.cityhub.benchmarks.bus;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Apache Felix EventAdmin 1.6.4 in an embedded Felix framework, as Karaf runs it, posting asynchronously
 * ({@code postEvent}). Its topics cannot contain ':', so the topic shape differs slightly from the hub's.
 */
final class EventAdminHarness implements BusHarness {

    /** Where the build copied the EventAdmin bundle; override with {@code -Dcityhub.bench.eventadmin=…}. */
    private static final String BUNDLE = System.getProperty("cityhub.bench.eventadmin",
            "target/bundles/org.apache.felix.eventadmin.jar");

    private final Framework framework;
    private final EventAdmin eventAdmin;
    private final Map<String, Object> properties = Map.of("payload", "{\"thingUID\":\"bench_sensor_s1\"}");
    private final List<AtomicLong> received = new ArrayList<>();

    EventAdminHarness(int subscribers, int timeoutMillis) {
        try {
            framework = start(timeoutMillis);
            BundleContext context = framework.getBundleContext();
            context.installBundle(new File(BUNDLE).toURI().toString()).start();
            eventAdmin = context.getService(context.getServiceReference(EventAdmin.class));
            for (int i = 0; i < subscribers; i++) {
                boolean matching = BusHarness.matches(i, subscribers);
                AtomicLong counter = new AtomicLong();
                if (matching) {
                    received.add(counter);
                }
                Dictionary<String, Object> handlerProperties = new Hashtable<>();
                handlerProperties.put(EventConstants.EVENT_TOPIC, matching ? "bench/hot/*" : "bench/cold/*");
                context.registerService(EventHandler.class, event -> counter.incrementAndGet(), handlerProperties);
            }
        } catch (BundleException e) {
            throw new IllegalStateException("the embedded framework or EventAdmin did not start: " + e.getMessage(), e);
        }
    }

    private static Framework start(int timeoutMillis) throws BundleException {
        Map<String, String> config = new HashMap<>();
        try {
            config.put(Constants.FRAMEWORK_STORAGE, Files.createTempDirectory("felix-bench").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.osgi.service.event;version=1.4.0");
        config.put("org.apache.felix.eventadmin.Timeout", Integer.toString(timeoutMillis));
        Framework framework = new FrameworkFactory().newFramework(config);
        framework.start();
        return framework;
    }

    @Override
    public void publish() {
        eventAdmin.postEvent(new Event("bench/hot/s1", properties));
    }

    @Override
    public List<AtomicLong> received() {
        return received;
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
