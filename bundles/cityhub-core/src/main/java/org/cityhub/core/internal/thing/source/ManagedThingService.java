package org.cityhub.core.internal.thing.source;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.config.ConfigValidator;
import org.cityhub.api.config.Secrets;
import org.cityhub.api.federation.HubIds;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException.Reason;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.core.internal.storage.StateDirectory;
import org.cityhub.core.internal.thing.SecretMask;
import org.cityhub.core.internal.thing.ThingDefinitions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Things created through REST and the console: checked against their type, stored before they take effect (a
 * change that cannot be stored changes nothing), and brought back at every start.
 */
@Component(service = ManagedThings.class, immediate = true, configurationPid = "org.cityhub.things.managed")
@Designate(ocd = ManagedThingService.Config.class)
public final class ManagedThingService implements ManagedThings {

    /** Typed configuration, PID {@code org.cityhub.things.managed}. */
    @ObjectClassDefinition(name = "CityHub managed things", description = "Where managed things are stored")
    public @interface Config {

        @AttributeDefinition(description = "The hub's state folder; managed things go to its things/ folder."
                + " Empty for ${karaf.base}/state")
        String stateDirectory() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(ManagedThingService.class);
    /**
     * How long a change asked through REST or the console waits for the handlers it restarts: past it, the change
     * is stored and queued, and the caller answers at once (REST: 202) instead of holding a request thread.
     */
    static final Duration PATIENCE = Duration.ofSeconds(2);

    private final ThingDefinitions definitions;
    private final ThingTypeRegistry types;
    private final ManagedThingStore store;

    @Activate
    public ManagedThingService(@Reference ThingDefinitions definitions, @Reference ThingTypeRegistry types,
            @Reference DamagedFiles damaged, Config config) throws IOException {
        this.definitions = definitions;
        this.types = types;
        this.store = new ManagedThingStore(StateDirectory.resolve(config.stateDirectory()).resolve("things"),
                damaged);
        int count = 0;
        for (ManagedThingStore.Entry entry : store.loadAll()) {
            try {
                definitions.define(entry.thing(), ThingDefinitions.MANAGED, entry.enabled());
                count++;
            } catch (IllegalStateException e) {
                LOG.error("managed thing {} not loaded: {}", entry.thing().uid(), e.getMessage());
            }
        }
        LOG.info("{} managed things loaded from {}", count, store.folder());
    }

    @Override
    public synchronized Thing add(Thing thing) throws ThingChangeException {
        Optional<String> source = definitions.sourceOf(thing.uid());
        if (source.isPresent()) {
            throw new ThingChangeException(Reason.ALREADY_EXISTS, "thing " + thing.uid() + " exists already"
                    + (source.get().equals(ThingDefinitions.MANAGED) ? "" : ", " + definedBy(source.get())));
        }
        Thing unmasked = unmasked(thing, Map.of());
        validate(unmasked);
        store(new ManagedThingStore.Entry(unmasked, true));
        definitions.define(unmasked, ThingDefinitions.MANAGED, true, PATIENCE);
        return SecretMask.masked(unmasked, types.get(thing.thingTypeUID()));
    }

    @Override
    public synchronized Thing update(Thing thing) throws ThingChangeException {
        checkManaged(thing.uid());
        Thing unmasked = unmasked(thing, definitionOf(thing.uid()).configuration());
        validate(unmasked);
        boolean enabled = definitions.isEnabled(thing.uid());
        store(new ManagedThingStore.Entry(unmasked, enabled));
        definitions.define(unmasked, ThingDefinitions.MANAGED, enabled, PATIENCE);
        return SecretMask.masked(unmasked, types.get(thing.thingTypeUID()));
    }

    /**
     * The thing with the stored value of every secret it sends back as set ({@link Secrets#SET}): clients see
     * secrets masked, and a masked value sent back keeps what is stored.
     */
    private Thing unmasked(Thing thing, Map<String, Object> stored) throws ThingChangeException {
        if (thing.configuration().values().stream().noneMatch(Secrets::isMarker)) {
            return thing;
        }
        var type = types.get(thing.thingTypeUID());
        if (type.isEmpty()) {
            throw new ThingChangeException(Reason.INVALID, "thing " + thing.uid() + " has an invalid definition",
                    List.of("its thing type " + thing.thingTypeUID() + " is not installed, so a secret cannot be kept"
                            + " as set; give every secret's value"));
        }
        List<String> problems = Secrets.problems(thing.configuration(), stored, type.get());
        if (!problems.isEmpty()) {
            throw new ThingChangeException(Reason.INVALID, "thing " + thing.uid() + " has an invalid definition",
                    problems);
        }
        return thing.withConfiguration(Secrets.unmasked(thing.configuration(), stored, type.get()));
    }

    @Override
    public synchronized void remove(ThingUID uid) throws ThingChangeException {
        checkManaged(uid);
        try {
            store.delete(uid);
        } catch (IOException e) {
            throw new ThingChangeException(Reason.STORAGE_FAILED, "thing " + uid + " could not be removed from storage: " + e);
        }
        definitions.undefine(uid, PATIENCE);
    }

    @Override
    public synchronized void setEnabled(ThingUID uid, boolean enabled) throws ThingChangeException {
        checkManaged(uid);
        Thing thing = definitionOf(uid);
        store(new ManagedThingStore.Entry(thing, enabled));
        definitions.define(thing, ThingDefinitions.MANAGED, enabled, PATIENCE);
    }

    @Override
    public boolean isChanging(ThingUID uid) {
        return definitions.isChanging(uid);
    }

    private Thing definitionOf(ThingUID uid) throws ThingChangeException {
        return definitions.definition(uid).orElseThrow(() -> new ThingChangeException(Reason.NOT_FOUND, "no thing " + uid));
    }

    private void checkManaged(ThingUID uid) throws ThingChangeException {
        String source = definitions.sourceOf(uid)
                .orElseThrow(() -> new ThingChangeException(Reason.NOT_FOUND, "no thing " + uid));
        if (!source.equals(ThingDefinitions.MANAGED)) {
            throw new ThingChangeException(Reason.READ_ONLY, "thing " + uid + " is " + definedBy(source)
                    + HubIds.hubOf(source).map(hub -> "; change it there").orElse("; change that file instead"));
        }
    }

    private static String definedBy(String source) {
        return HubIds.hubOf(source).map(hub -> "a thing of hub " + hub + ", read-only here")
                .orElse("defined by the thing file " + source);
    }

    private void validate(Thing thing) throws ThingChangeException {
        var type = types.get(thing.thingTypeUID());
        if (type.isPresent()) {
            ConfigValidator.Result result = ConfigValidator.validate(type.get(), thing);
            if (!result.valid()) {
                throw new ThingChangeException(Reason.INVALID, "thing " + thing.uid() + " has an invalid definition",
                        result.violations());
            }
        }
    }

    private void store(ManagedThingStore.Entry entry) throws ThingChangeException {
        try {
            store.save(entry);
        } catch (IOException e) {
            throw new ThingChangeException(Reason.STORAGE_FAILED, "thing " + entry.thing().uid()
                    + " could not be stored, nothing was changed: " + e);
        }
    }
}
