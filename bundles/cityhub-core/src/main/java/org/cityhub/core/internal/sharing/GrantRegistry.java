package org.cityhub.core.internal.sharing;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.cityhub.api.admin.AuditEntry;
import org.cityhub.api.admin.AuditLog;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.sharing.Audience;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.GrantDraft;
import org.cityhub.api.sharing.GrantException;
import org.cityhub.api.sharing.GrantException.Reason;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.core.internal.NamedThreadFactory;
import org.cityhub.core.internal.home.HouseholdRegistry;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.core.internal.storage.StateDirectory;
import org.cityhub.json.Json;
import org.cityhub.json.SharingJson;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The hub's one registry of grants, kept in {@code state/grants.json}. Readers get an immutable snapshot that a
 * change replaces whole, so that every surface's visibility question costs a map lookup and never waits on a
 * writer. A grant reaching its expiry is published and audited when it happens; it stopped counting already.
 */
@Component(service = { Grants.class, GrantRegistry.class }, immediate = true, configurationPid = "org.cityhub.grants")
@Designate(ocd = GrantRegistry.Config.class)
public final class GrantRegistry implements Grants {

    /** Typed configuration, PID {@code org.cityhub.grants}. */
    @ObjectClassDefinition(name = "CityHub grants", description = "Where grants between departments are kept")
    public @interface Config {

        @AttributeDefinition(description = "The hub's state folder; empty for ${karaf.base}/state")
        String stateDirectory() default "";
    }

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern DEPARTMENT = Pattern.compile("[a-z0-9-]+");
    private static final int MAX_PURPOSE = 500;

    private final EventBus bus;
    private final AuditLog audit;
    private final GrantFile file;
    private final HouseholdRegistry households;
    private final KnownDepartments departments;
    private final Runnable stopHearingRemovals;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService expiries = Executors.newSingleThreadScheduledExecutor(
            new NamedThreadFactory("cityhub-grant-expiry"));
    private volatile GrantIndex index;
    private @Nullable ScheduledFuture<?> nextExpiry; // guarded by this
    private Instant expiredUpTo; // guarded by this: expiries up to this instant are published

    @Activate
    public GrantRegistry(@Reference EventBus bus, @Reference AuditLog audit, @Reference DamagedFiles damaged,
            @Reference HouseholdRegistry households, @Reference ThingRegistry things, @Reference TokenService tokens,
            Config config) {
        this(bus, audit, damaged, households, new KnownDepartments(things, tokens, households),
                StateDirectory.resolve(config.stateDirectory()).resolve("grants.json"), Clock.systemUTC());
    }

    GrantRegistry(EventBus bus, AuditLog audit, DamagedFiles damaged, HouseholdRegistry households,
            KnownDepartments departments, Path path, Clock clock) {
        this.bus = bus;
        this.audit = audit;
        this.households = households;
        this.departments = departments;
        this.file = new GrantFile(path);
        this.clock = clock;
        this.index = GrantIndex.of(file.load(damaged));
        synchronized (this) {
            this.expiredUpTo = clock.instant();
            scheduleExpiry();
        }
        this.stopHearingRemovals = households.onRemoval(this::revokeConsentsOf);
    }

    @Deactivate
    void stop() {
        stopHearingRemovals.run();
        expiries.shutdownNow();
    }

    @Override
    public List<Grant> list() {
        return index.all();
    }

    @Override
    public Optional<Grant> get(String id) {
        return index.get(id);
    }

    @Override
    public Grant create(GrantDraft draft, String actor) throws GrantException {
        Instant now = clock.instant();
        check(draft, now);
        Grant grant;
        synchronized (this) {
            String id = draft.id() != null ? draft.id() : newId();
            if (index.get(id).isPresent()) {
                throw new GrantException(Reason.CONFLICT, "a grant '" + id + "' exists already (grants are kept after"
                        + " they end); choose another id");
            }
            grant = new Grant(id, draft.owner(), draft.grantee(), draft.selection(), draft.rights(), draft.purpose(),
                    draft.expires(), now, actor, null, null);
            store(index.with(grant), now);
            scheduleExpiry();
        }
        publish(grant, EventTopics.TYPE_ADDED, now);
        return grant;
    }

    @Override
    public Grant revoke(String id, String actor) throws GrantException {
        Instant now = clock.instant();
        Grant revoked;
        synchronized (this) {
            Grant grant = index.get(id).orElseThrow(() -> new GrantException(Reason.NOT_FOUND, "no grant '" + id + "'"));
            if (!grant.activeAt(now)) {
                throw new GrantException(Reason.CONFLICT, "grant '" + id + "' has ended already ("
                        + (grant.revoked() != null ? "revoked " + grant.revoked() : "expired " + grant.expires()) + ")");
            }
            revoked = grant.revokedAt(now, actor);
            store(index.with(revoked), now);
        }
        publish(revoked, EventTopics.TYPE_REMOVED, now);
        return revoked;
    }

    /**
     * Restores a backed-up grant, as it was (in force, revoked or expired), if the hub has none of its id.
     *
     * @return whether it was restored; false if the hub has a grant of that id, which stays as it is
     * @throws GrantException if the grants could not be stored
     */
    public synchronized boolean restore(Grant grant) throws GrantException {
        if (index.get(grant.id()).isPresent()) {
            return false;
        }
        Instant now = clock.instant();
        store(index.with(grant), now);
        scheduleExpiry();
        if (grant.activeAt(now)) {
            publish(grant, EventTopics.TYPE_ADDED, now);
        }
        return true;
    }

    @Override
    public Audience audience(DepartmentScope scope) {
        return new GrantAudience(scope, () -> index, clock);
    }

    @Override
    public Audience householdAudience(Set<String> homes) {
        return OwnersAudience.residents(homes);
    }

    @Override
    public Audience hubAudience() {
        return OwnersAudience.HUB;
    }

    /** Ends the consents of a household that was removed, so that one made again under its id starts with none. */
    private void revokeConsentsOf(String household) {
        Instant now = clock.instant();
        index.all().stream().filter(grant -> household.equals(grant.owner().household()) && grant.activeAt(now))
                .forEach(grant -> {
                    try {
                        revoke(grant.id(), "hub (household " + household + " removed)");
                    } catch (GrantException e) {
                        // ended meanwhile, or the store failed: the household owns no thing, so it selects nothing
                        audit.record(new AuditEntry(now, "hub", "hub", "grant revoke", "grant:" + grant.id(),
                                "household " + household + " removed", "failed: " + e.getMessage()));
                    }
                });
    }

    private void check(GrantDraft draft, Instant now) throws GrantException {
        String id = draft.id();
        if (id != null && !ID.matcher(id).matches()) {
            throw invalid("grant id '" + id + "' is not valid: use 1 to 64 lower-case letters, digits, '.', '_' or"
                    + " '-', starting with a letter or digit");
        }
        if (!DEPARTMENT.matcher(draft.grantee()).matches()) {
            throw invalid("grantee '" + draft.grantee() + "' is not a department: use lower-case letters, digits"
                    + " and '-'");
        }
        String household = draft.owner().household();
        if (household != null) {
            checkConsent(household, draft.grantee());
        }
        if (draft.grantee().equals(draft.owner().department())) {
            throw invalid("department '" + draft.grantee() + "' owns these things already; a grant goes to another"
                    + " department");
        }
        if (draft.purpose().isBlank() || draft.purpose().length() > MAX_PURPOSE) {
            throw invalid("a grant states its purpose, in 1 to " + MAX_PURPOSE + " characters");
        }
        Instant expires = draft.expires();
        if (expires != null && !expires.isAfter(now)) {
            throw invalid("'expires' " + expires + " is not in the future");
        }
    }

    /** A household's consent names a household the hub keeps and a department the hub knows. */
    private void checkConsent(String household, String grantee) throws GrantException {
        if (households.get(household).isEmpty()) {
            throw invalid("no household '" + household + "'");
        }
        Set<String> known = departments.names();
        if (!known.contains(grantee)) {
            throw invalid("no department '" + grantee + "' on this hub (no thing, token or household names it); a"
                    + " consent goes to one of " + known);
        }
    }

    private static GrantException invalid(String message) {
        return new GrantException(Reason.INVALID, message);
    }

    private String newId() {
        byte[] bytes = new byte[5];
        random.nextBytes(bytes);
        return "g-" + HexFormat.of().formatHex(bytes);
    }

    /** Stores the grants and makes them the current ones; on failure nothing changes. */
    private void store(GrantIndex next, Instant now) throws GrantException {
        try {
            file.save(next.all(), now);
        } catch (IOException e) {
            throw new GrantException(Reason.STORAGE_FAILED, "the grants could not be stored in " + file.path() + ": "
                    + e);
        }
        index = next;
    }

    private void publish(Grant grant, String type, Instant now) {
        // a consent's event goes to its grantee's streams; the resident who gave it sees the answer to its request
        bus.publish(EventTopics.grant(grant.id(), type), type, Json.toText(SharingJson.grant(grant, now)), "grants",
                grant.owner().department() != null ? grant.owner().department() : grant.grantee());
    }

    /** Schedules the next expiry notice: the earliest expiry after those published. */
    private void scheduleExpiry() {
        ScheduledFuture<?> scheduled = nextExpiry;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        index.all().stream().filter(grant -> grant.revoked() == null).map(Grant::expires)
                .filter(expires -> expires != null && expires.isAfter(expiredUpTo)).min(Instant::compareTo)
                .ifPresent(next -> nextExpiry = expiries.schedule(this::publishExpired,
                        Math.max(0, Duration.between(clock.instant(), next).toNanos()), TimeUnit.NANOSECONDS));
    }

    private synchronized void publishExpired() {
        Instant now = clock.instant();
        for (Grant grant : index.all()) {
            Instant expires = grant.expires();
            if (grant.revoked() == null && expires != null && expires.isAfter(expiredUpTo) && !expires.isAfter(now)) {
                publish(grant, EventTopics.TYPE_EXPIRED, now);
                audit.record(new AuditEntry(now, "hub", "hub", "grant expired", "grant:" + grant.id(),
                        grant.owner() + " to " + grant.grantee(), "ok"));
            }
        }
        expiredUpTo = now;
        scheduleExpiry();
    }
}
