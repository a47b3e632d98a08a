package org.cityhub.history.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.cityhub.api.outbound.OutboundPolicy;
import org.cityhub.api.persistence.PersistenceService;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers the PostgreSQL store while {@code etc/org.cityhub.history.cfg} names a database
 * ({@code postgresql.url}, {@code postgresql.user}, {@code postgresql.password}, {@code postgresql.schema},
 * {@code postgresql.poolSize}); {@code store = postgresql} then writes to it. A changed setting replaces the store
 * (the recorder keeps its points meanwhile). The database's hosts are admitted by the outbound policy first.
 */
@Component(immediate = true, configurationPid = HistoryService.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class PostgresStoreRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresStoreRegistration.class);
    private static final String PREFIX = "postgresql.";
    private static final int DEFAULT_PORT = 5432;

    private final BundleContext context;
    private final OutboundPolicy outbound;
    private PostgresStore.@Nullable Settings settings; // guarded by this
    private @Nullable PostgresStore store; // guarded by this
    private @Nullable ServiceRegistration<PersistenceService> registration; // guarded by this

    @Activate
    public PostgresStoreRegistration(BundleContext context, @Reference OutboundPolicy outbound,
            Map<String, Object> config) {
        this.context = context;
        this.outbound = outbound;
        apply(config);
    }

    @Modified
    synchronized void apply(Map<String, Object> config) {
        PostgresStore.Settings wanted;
        try {
            wanted = settings(config);
            if (wanted != null) {
                admit(wanted.url());
            }
        } catch (IllegalArgumentException | IOException e) {
            LOG.error("History on PostgreSQL: {} (etc/{}.cfg); the PostgreSQL store is not offered", e.getMessage(),
                    HistoryService.PID);
            wanted = null;
        }
        if (wanted != null && wanted.equals(settings)) {
            return;
        }
        withdraw();
        settings = wanted;
        if (wanted != null) {
            store = new PostgresStore(wanted, Clock.systemUTC());
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(PersistenceService.STORE_PROPERTY, "postgresql");
            registration = context.registerService(PersistenceService.class, store, properties);
            LOG.info("History on PostgreSQL: store offered for {}", wanted.where());
        }
    }

    /** The settings, or {@code null} if no database is named. */
    private static PostgresStore.@Nullable Settings settings(Map<String, Object> config) {
        String url = text(config, "url", "");
        if (url.isBlank()) {
            return null;
        }
        String poolSize = text(config, "poolSize", "4");
        int size;
        try {
            size = Integer.parseInt(poolSize.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("postgresql.poolSize must be a whole number, was '" + poolSize + "'");
        }
        return new PostgresStore.Settings(url.trim(), text(config, "user", "cityhub"), text(config, "password", ""),
                text(config, "schema", "cityhub"), size, TimeZones.offset(config));
    }

    private static String text(Map<String, Object> config, String key, String fallback) {
        Object value = config.get(PREFIX + key);
        return value == null ? fallback : value.toString();
    }

    /** Asks the outbound policy about every host of the URL ({@code jdbc:postgresql://a:5432,b/db}). */
    private void admit(String url) throws IOException {
        for (String[] hostPort : hosts(url)) {
            outbound.admit(hostPort[0], Integer.parseInt(hostPort[1]));
        }
    }

    static List<String[]> hosts(String url) {
        String rest = url.substring("jdbc:postgresql://".length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        List<String[]> hosts = new ArrayList<>();
        for (String entry : authority.split(",")) {
            String host = entry;
            String port = Integer.toString(DEFAULT_PORT);
            int colon = entry.lastIndexOf(':');
            if (colon > entry.lastIndexOf(']')) {
                host = entry.substring(0, colon);
                port = entry.substring(colon + 1);
            }
            host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            if (host.isBlank() || !port.matches("\\d{1,5}")) {
                throw new IllegalArgumentException("postgresql.url names a host it cannot read: '" + entry + "'");
            }
            hosts.add(new String[] { host, port });
        }
        return hosts;
    }

    private void withdraw() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Deactivate
    synchronized void stop() {
        withdraw();
        settings = null;
    }
}
