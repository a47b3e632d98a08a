package org.cityhub.bindingmanager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.cityhub.api.admin.AuditEntry;
import org.cityhub.api.admin.AuditLog;
import org.cityhub.api.admin.BindingChangeException;
import org.cityhub.api.admin.BindingChangeException.Reason;
import org.cityhub.api.admin.BindingInfo;
import org.cityhub.api.admin.BindingManager;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.thing.ThingQuery;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.json.Json;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bindings on Karaf: installs features without refreshing anything ({@code NoAutoRefreshBundles}), updates and
 * uninstalls a binding's bundle and then refreshes that bundle alone, so that its old revision (class loader,
 * threads, services) is released and no other bundle is restarted or rewired. Every change is an event on
 * {@code cityhub/bindings/{id}/installed | updated | uninstalled}, whoever made it.
 */
@Component(service = BindingManager.class, immediate = true)
public final class KarafBindingManager implements BindingManager, SynchronousBundleListener {

    private static final Logger LOG = LoggerFactory.getLogger(KarafBindingManager.class);
    private static final EnumSet<FeaturesService.Option> NO_REFRESH = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
    private static final long REFRESH_SECONDS = 60;
    private static final long HANDLER_WAIT_SECONDS = 10;
    private static final Duration DOWNLOAD_LIMIT = Duration.ofSeconds(120);

    private final BundleContext context;
    private final FeaturesService features;
    private final ThingRegistry things;
    private final EventBus bus;
    private final OutboundPolicy outbound;
    private final AuditLog audit;
    private final BundleDownloads downloads = new BundleDownloads(DOWNLOAD_LIMIT);
    private final Map<Long, String> bindings = new ConcurrentHashMap<>(); // bundle id → binding id
    private final Set<String> updating = ConcurrentHashMap.newKeySet();

    @Activate
    public KarafBindingManager(BundleContext context, @Reference FeaturesService features,
            @Reference ThingRegistry things, @Reference EventBus bus, @Reference OutboundPolicy outbound,
            @Reference AuditLog audit) {
        this.context = context;
        this.features = features;
        this.things = things;
        this.bus = bus;
        this.outbound = outbound;
        this.audit = audit;
        context.addBundleListener(this);
        for (Bundle bundle : context.getBundles()) {
            BindingBundles.bindingId(bundle).ifPresent(id -> bindings.put(bundle.getBundleId(), id));
        }
    }

    @Deactivate
    void stop() {
        context.removeBundleListener(this);
        downloads.close();
    }

    /**
     * Follows every binding change, whoever made it (REST, console, {@code bundle:install}, the deploy folder): an
     * event, and an audit entry, as for any other change to the hub. Any bundle from the deploy folder is audited.
     */
    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        Optional<String> binding = Optional.empty();
        switch (event.getType()) {
            case BundleEvent.INSTALLED:
            case BundleEvent.UPDATED:
                binding = BindingBundles.bindingId(bundle);
                binding.ifPresent(id -> {
                    bindings.put(bundle.getBundleId(), id);
                    publish(id, event.getType() == BundleEvent.INSTALLED ? EventTopics.TYPE_INSTALLED
                            : EventTopics.TYPE_UPDATED, bundle);
                });
                break;
            case BundleEvent.UNINSTALLED:
                binding = Optional.ofNullable(bindings.remove(bundle.getBundleId()));
                binding.ifPresent(id -> publish(id, EventTopics.TYPE_UNINSTALLED, bundle));
                break;
            default:
                return;
        }
        if (binding.isPresent() || bundle.getLocation().contains("/deploy/")) {
            audit(event.getType(), binding, bundle);
        }
    }

    private void audit(int type, Optional<String> binding, Bundle bundle) {
        String action = type == BundleEvent.INSTALLED ? "installed" : type == BundleEvent.UPDATED ? "updated"
                : "uninstalled";
        boolean deployFolder = bundle.getLocation().contains("/deploy/");
        audit.record(new AuditEntry(Instant.now(), deployFolder ? "deploy folder" : "framework", "framework",
                binding.map(id -> "binding " + action).orElse("bundle " + action), binding.orElse(bundle.getSymbolicName()),
                bundle.getSymbolicName() + " " + bundle.getVersion() + " from " + bundle.getLocation(), "ok"));
    }

    @Override
    public List<BindingInfo> getAll() {
        return bindings.entrySet().stream().map(e -> info(e.getValue(), context.getBundle(e.getKey())))
                .filter(Optional::isPresent).map(Optional::get).sorted(Comparator.comparing(BindingInfo::id)).toList();
    }

    @Override
    public Optional<BindingInfo> get(String id) {
        return bundleOf(id).flatMap(bundle -> info(id, bundle));
    }

    @Override
    public boolean isUpdating(String id) {
        return updating.contains(id);
    }

    @Override
    public BindingInfo install(String featureOrLocation) throws BindingChangeException {
        String what = featureOrLocation.trim();
        if (what.isEmpty()) {
            throw new BindingChangeException(Reason.INVALID, "name a feature (e.g. cityhub-binding-simulator) or a"
                    + " bundle location (mvn:…, file:…)");
        }
        return BindingLocations.isLocation(what) ? installBundle(what) : installFeature(what);
    }

    /** Installs a feature; one that turns out to hold no binding is uninstalled again, leaving nothing behind. */
    private BindingInfo installFeature(String name) throws BindingChangeException {
        Feature feature = feature(name);
        if (isInstalled(feature)) {
            throw new BindingChangeException(Reason.INVALID, "feature " + name + " is installed already");
        }
        try {
            features.installFeature(feature.getName(), feature.getVersion(), NO_REFRESH);
        } catch (Exception e) {
            throw new BindingChangeException(Reason.FAILED, "feature " + name + " could not be installed: " + e.getMessage(), e);
        }
        Optional<BindingInfo> binding = feature.getBundles().stream().map(b -> bundleAt(b.getLocation()))
                .filter(Optional::isPresent).map(Optional::get)
                .map(bundle -> Optional.ofNullable(bindings.get(bundle.getBundleId())).flatMap(id -> info(id, bundle)))
                .filter(Optional::isPresent).map(Optional::get).findFirst();
        if (binding.isEmpty()) {
            try {
                features.uninstallFeature(feature.getName(), feature.getVersion(), NO_REFRESH);
            } catch (Exception e) {
                LOG.warn("feature {} holds no binding and could not be uninstalled again: {}", name, e.toString());
            }
            throw new BindingChangeException(Reason.INVALID, "feature " + name + " holds no binding (no bundle ships"
                    + " CITYHUB-INF/thing-types); it was uninstalled again");
        }
        return binding.get();
    }

    /**
     * Installs a binding's bundle: the location is checked, the bundle fetched and read before anything is
     * installed, and refused unless it is a binding whose id no installed binding has.
     */
    private BindingInfo installBundle(String location) throws BindingChangeException {
        BindingLocations.check(location, outbound);
        if (context.getBundle(location) != null) {
            throw new BindingChangeException(Reason.INVALID, "bundle " + location + " is installed already");
        }
        Bundle bundle;
        String id;
        try (BundleDownloads.Download download = downloads.fetch(location)) {
            id = download.bindingId().orElseThrow(() -> new BindingChangeException(Reason.INVALID, "bundle "
                    + location + " is not a binding: it ships no CITYHUB-INF/thing-types descriptor; nothing was"
                    + " installed"));
            Optional<Bundle> holder = bundleOf(id);
            if (holder.isPresent()) {
                throw new BindingChangeException(Reason.INVALID, "binding " + id + " is installed already (bundle "
                        + holder.get().getSymbolicName() + "); update it instead");
            }
            try (InputStream in = Files.newInputStream(download.file())) {
                bundle = context.installBundle(location, in);
            }
        } catch (BundleException | SecurityException | IOException e) {
            throw new BindingChangeException(Reason.FAILED, "bundle " + location + " could not be installed: " + e.getMessage(), e);
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            uninstallQuietly(bundle);
            throw new BindingChangeException(Reason.FAILED, "binding " + id + " did not start and was removed: "
                    + e.getMessage(), e);
        }
        return info(id, bundle).orElseThrow();
    }

    @Override
    public BindingInfo update(String id, @Nullable String location) throws BindingChangeException {
        Bundle bundle = bundleOf(id).orElseThrow(() -> unknown(id));
        String from = location == null || location.isBlank() ? bundle.getLocation() : location.trim();
        BindingLocations.check(from, outbound);
        if (!updating.add(id)) {
            throw new BindingChangeException(Reason.INVALID, "binding " + id + " is being updated already");
        }
        try (BundleDownloads.Download download = downloads.fetch(from)) {
            if (!download.bindingId().equals(Optional.of(id))) {
                throw new BindingChangeException(Reason.INVALID, "the bundle at " + from + " is " + download.bindingId()
                        .map(other -> "binding " + other).orElse("no binding") + ", not binding " + id
                        + "; nothing was changed");
            }
            try (InputStream in = Files.newInputStream(download.file())) {
                bundle.update(in);
            }
            refresh(bundle);
            awaitHandlers(id);
            LOG.info("binding {} updated to {} {}", id, bundle.getSymbolicName(), bundle.getVersion());
        } catch (BundleException | IOException e) {
            throw new BindingChangeException(Reason.FAILED, "binding " + id + " could not be updated: " + e.getMessage(), e);
        } finally {
            updating.remove(id);
        }
        return info(id, bundle).orElseThrow(() -> unknown(id));
    }

    @Override
    public void uninstall(String id) throws BindingChangeException {
        Bundle bundle = bundleOf(id).orElseThrow(() -> unknown(id));
        Optional<Feature> feature = installedFeatureOf(bundle);
        try {
            if (feature.isPresent()) {
                features.uninstallFeature(feature.get().getName(), feature.get().getVersion(), NO_REFRESH);
            } else {
                bundle.uninstall();
            }
            refresh(bundle);
        } catch (Exception e) {
            throw new BindingChangeException(Reason.FAILED, "binding " + id + " could not be uninstalled: " + e.getMessage(), e);
        }
        LOG.info("binding {} uninstalled{}", id, feature.map(f -> " with feature " + f.getName()).orElse(""));
    }

    /**
     * Waits, boundedly, until no thing of the binding waits for a handler any more, so that the update ends when
     * the new revision runs (commands meanwhile are answered "try again").
     */
    private void awaitHandlers(String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANDLER_WAIT_SECONDS);
        while (System.nanoTime() < deadline && countWaiting(id) > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /**
     * Releases the bundle's old revision if something still pins it, by refreshing the bundle alone (its dependants
     * would be refreshed too, and a binding has none). Usually nothing pins it: the update already restarted the
     * bundle on its new revision, and a second restart would only lengthen the things' downtime.
     */
    private void refresh(Bundle bundle) throws BindingChangeException {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        if (!wiring.getRemovalPendingBundles().contains(bundle)) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(List.of(bundle), event -> done.countDown());
        try {
            if (!done.await(REFRESH_SECONDS, TimeUnit.SECONDS)) {
                throw new BindingChangeException(Reason.FAILED, "the refresh of " + bundle.getSymbolicName()
                        + " did not finish within " + REFRESH_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BindingChangeException(Reason.FAILED, "interrupted while refreshing " + bundle.getSymbolicName());
        }
    }

    /** The binding's things that wait for a handler. */
    private int countWaiting(String id) {
        return things.find(new ThingQuery(null, id, null, ThingStatus.UNINITIALIZED, null, null),
                thing -> things.getStatus(thing.uid()).detail() == ThingStatusDetail.HANDLER_MISSING, 0, 1).total();
    }

    private Optional<BindingInfo> info(String id, @Nullable Bundle bundle) {
        if (bundle == null || bundle.getState() == Bundle.UNINSTALLED) {
            return Optional.empty();
        }
        ThingQuery ofBinding = new ThingQuery(null, id, null, null, null, null);
        int all = things.find(ofBinding, thing -> true, 0, 1).total();
        int unstarted = things.find(new ThingQuery(null, id, null, ThingStatus.UNINITIALIZED, null, null),
                thing -> true, 0, 1).total();
        int handled = all - unstarted;
        int waiting = countWaiting(id);
        return Optional.of(new BindingInfo(id, bundle.getSymbolicName(), bundle.getVersion().toString(),
                state(bundle), updating.contains(id), handled, waiting));
    }

    private Optional<Bundle> bundleOf(String id) {
        return bindings.entrySet().stream().filter(e -> e.getValue().equals(id)).map(e -> context.getBundle(e.getKey()))
                .filter(bundle -> bundle != null && bundle.getState() != Bundle.UNINSTALLED).findFirst();
    }

    private Optional<Bundle> bundleAt(String location) {
        return Optional.ofNullable(context.getBundle(location));
    }

    private Feature feature(String name) throws BindingChangeException {
        try {
            Feature feature = features.getFeature(name);
            if (feature == null) {
                throw new BindingChangeException(Reason.NOT_FOUND, "no feature " + name + "; binding features: "
                        + bindingFeatureNames());
            }
            return feature;
        } catch (BindingChangeException e) {
            throw e;
        } catch (Exception e) {
            throw new BindingChangeException(Reason.FAILED, "the features could not be read: " + e.getMessage(), e);
        }
    }

    private List<String> bindingFeatureNames() throws Exception {
        return List.of(features.listFeatures()).stream().map(Feature::getName)
                .filter(name -> name.startsWith("cityhub-binding-")).distinct().sorted().toList();
    }

    private Optional<Feature> installedFeatureOf(Bundle bundle) {
        try {
            return List.of(features.listInstalledFeatures()).stream()
                    .filter(f -> f.getBundles().stream().anyMatch(b -> b.getLocation().equals(bundle.getLocation())))
                    .filter(f -> f.getName().startsWith("cityhub-binding-")).findFirst();
        } catch (Exception e) {
            LOG.warn("installed features could not be read: {}", e.toString());
            return Optional.empty();
        }
    }

    private void publish(String id, String type, Bundle bundle) {
        var payload = Json.object().put("binding", id).put("bundle", bundle.getSymbolicName())
                .put("version", bundle.getVersion().toString());
        bus.publish(EventTopics.binding(id, type), type, Json.toText(payload), "hub");
    }

    private static BindingChangeException unknown(String id) {
        return new BindingChangeException(Reason.NOT_FOUND, "no binding " + id);
    }

    private static void uninstallQuietly(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            LOG.warn("bundle {} could not be removed again: {}", bundle.getLocation(), e.toString());
        }
    }

    private static String state(Bundle bundle) {
        switch (bundle.getState()) {
            case Bundle.ACTIVE:
                return "ACTIVE";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            default:
                return "INSTALLED";
        }
    }

    private boolean isInstalled(Feature feature) throws BindingChangeException {
        try {
            return features.isInstalled(feature);
        } catch (Exception e) {
            throw new BindingChangeException(Reason.FAILED, "the features could not be read: " + e.getMessage(), e);
        }
    }
}
