package org.cityhub.core.internal.thing.type;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.json.ThingTypeDescriptors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the thing types a binding bundle ships in {@code CITYHUB-INF/thing-types/*.json} when it starts and
 * withdraws them when it stops.
 */
@Component(service = { ThingTypeRegistry.class, ThingTypeSource.class }, immediate = true)
public final class ThingTypeExtender implements ThingTypeSource {

    static final String DESCRIPTOR_FOLDER = "CITYHUB-INF/thing-types";

    private static final Logger LOG = LoggerFactory.getLogger(ThingTypeExtender.class);

    private final Map<ThingTypeUID, ThingType> types = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final BundleTracker<List<ThingType>> tracker;

    @Activate
    public ThingTypeExtender(BundleContext context) {
        tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, new Customizer());
        tracker.open();
    }

    @Deactivate
    void stop() {
        tracker.close();
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public Optional<ThingType> get(ThingTypeUID uid) {
        return Optional.ofNullable(types.get(uid));
    }

    @Override
    public Collection<ThingType> getAll() {
        return List.copyOf(types.values());
    }

    private final class Customizer implements BundleTrackerCustomizer<List<ThingType>> {

        @Override
        public List<ThingType> addingBundle(Bundle bundle, BundleEvent event) {
            Enumeration<URL> entries = bundle.findEntries(DESCRIPTOR_FOLDER, "*.json", false);
            if (entries == null) {
                return null; // not a binding: stop tracking it
            }
            List<ThingType> read = new ArrayList<>();
            while (entries.hasMoreElements()) {
                read.addAll(readDescriptor(bundle, entries.nextElement()));
            }
            read.forEach(type -> types.put(type.uid(), type));
            LOG.info("bundle {}: {} thing types added", bundle.getSymbolicName(), read.size());
            listeners.forEach(Runnable::run);
            return read;
        }

        @Override
        public void modifiedBundle(Bundle bundle, BundleEvent event, List<ThingType> read) {
            // types stay while the bundle is starting or active
        }

        @Override
        public void removedBundle(Bundle bundle, BundleEvent event, List<ThingType> read) {
            read.forEach(type -> types.remove(type.uid(), type));
            LOG.info("bundle {}: {} thing types withdrawn", bundle.getSymbolicName(), read.size());
        }

        private List<ThingType> readDescriptor(Bundle bundle, URL entry) {
            String source = bundle.getSymbolicName() + "/" + entry.getPath();
            try (InputStream in = entry.openStream()) {
                return ThingTypeDescriptors.read(in, source);
            } catch (IOException | IllegalArgumentException e) {
                LOG.error("thing-type descriptor {} is not valid and was skipped: {}", source, e.getMessage());
                return List.of();
            }
        }
    }
}
