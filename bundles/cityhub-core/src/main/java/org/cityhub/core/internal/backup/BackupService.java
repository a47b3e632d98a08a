package org.cityhub.core.internal.backup;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.cityhub.api.admin.Backup;
import org.cityhub.api.admin.TokenException;
import org.cityhub.api.config.Secrets;
import org.cityhub.api.discovery.DiscoveryResult;
import org.cityhub.api.home.Household;
import org.cityhub.api.home.HouseholdException;
import org.cityhub.api.sharing.Grant;
import org.cityhub.api.sharing.GrantException;
import org.cityhub.api.thing.ManagedThings;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.core.internal.discovery.InboxService;
import org.cityhub.core.internal.security.TokenRegistry.StoredToken;
import org.cityhub.core.internal.security.TokenRegistry;
import org.cityhub.core.internal.home.HouseholdRegistry;
import org.cityhub.core.internal.sharing.GrantRegistry;
import org.cityhub.json.DiscoveryJson;
import org.cityhub.json.HomeJson;
import org.cityhub.json.Json;
import org.cityhub.json.SharingJson;
import org.cityhub.json.ThingJson;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One JSON archive of what the hub keeps, and its restore: checked whole first, then applied. */
@Component(service = Backup.class)
public final class BackupService implements Backup {

    static final int SCHEMA_VERSION = 1;
    private static final String MANAGED = "managed";
    private static final Set<String> NOT_CONFIGURATION = Set.of("service.pid", "service.factoryPid",
            "felix.fileinstall.filename", "component.name", "component.id");

    private final ThingRegistry things;
    private final ManagedThings managed;
    private final InboxService inbox;
    private final ConfigurationAdmin configurations;
    private final TokenRegistry tokens;
    private final GrantRegistry grants;
    private final HouseholdRegistry households;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public BackupService(@Reference ThingRegistry things, @Reference ManagedThings managed,
            @Reference InboxService inbox, @Reference ConfigurationAdmin configurations, @Reference TokenRegistry tokens,
            @Reference GrantRegistry grants, @Reference HouseholdRegistry households) {
        this.households = households;
        this.tokens = tokens;
        this.grants = grants;
        this.things = things;
        this.managed = managed;
        this.inbox = inbox;
        this.configurations = configurations;
    }

    @Override
    public String export() {
        ObjectNode archive = Json.object().put("schemaVersion", SCHEMA_VERSION).put("created", clock.instant().toString());
        ArrayNode thingsNode = archive.putArray("managedThings");
        List<String> secrets = new ArrayList<>();
        things.getAll().stream().filter(t -> things.getSource(t.uid()).filter(MANAGED::equals).isPresent())
                .forEach(t -> {
                    thingsNode.addObject().put("enabled", things.getStatus(t.uid()).detail() != ThingStatusDetail.DISABLED)
                            .set("thing", ThingJson.thing(t));
                    t.configuration().forEach((name, value) -> {
                        if (Secrets.isMarker(value)) {
                            secrets.add(t.uid() + " " + name);
                        }
                    });
                });
        if (!secrets.isEmpty()) {
            // the registry shows things with their secrets masked, so the archive never holds one
            archive.put("warning", "secret parameters are left out of backups; after restoring into another hub, set"
                    + " them again: " + String.join(", ", secrets));
            secrets.forEach(archive.withArray("secretsLeftOut")::add);
        }
        ArrayNode ignored = archive.putArray("ignoredInbox");
        inbox.ignored().forEach(result -> ignored.add(DiscoveryJson.discoveryResult(result)));
        ArrayNode householdsNode = archive.putArray("households");
        households.list().forEach(household -> householdsNode.add(HomeJson.household(household)));
        ArrayNode tokensNode = archive.putArray("tokens");
        tokens.export().forEach(token -> tokensNode.add(TokenRegistry.storedJson(token)));
        ArrayNode grantsNode = archive.putArray("grants");
        grants.list().forEach(grant -> grantsNode.add(SharingJson.grant(grant, clock.instant())));
        exportConfigurations(archive.putObject("configurations"));
        return Json.toText(archive);
    }

    private void exportConfigurations(ObjectNode node) {
        try {
            Configuration[] all = configurations.listConfigurations("(service.pid=org.cityhub.*)");
            for (Configuration configuration : all == null ? new Configuration[0] : all) {
                ObjectNode pid = node.putObject(configuration.getPid());
                Dictionary<String, Object> properties = configuration.getProperties();
                for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                    String key = keys.nextElement();
                    if (!NOT_CONFIGURATION.contains(key)) {
                        pid.set(key, Json.toTree(properties.get(key)));
                    }
                }
            }
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException("the configurations could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> restore(String text) {
        Archive archive = Archive.parse(text);
        List<String> report = new ArrayList<>();
        // households first: things, residents' tokens and consents name them
        archive.households().forEach(household -> report.add(restore(household)));
        for (Archive.ManagedThing entry : archive.things()) {
            report.add(restore(entry.thing(), entry.enabled()));
        }
        archive.ignored().forEach(result -> {
            inbox.restoreIgnored(result);
            report.add("inbox: " + result.thingUID() + " ignored");
        });
        archive.tokens().forEach(token -> report.add(restore(token)));
        archive.grants().forEach(grant -> report.add(restore(grant)));
        archive.configurations().forEach((pid, properties) -> report.add(restore(pid, properties)));
        return report;
    }

    /** A grant the hub does not have is restored as it was; one it has stays as it is, so none is ever revived. */
    private String restore(Grant grant) {
        try {
            return grants.restore(grant) ? "grant " + grant.id() + " restored"
                    : "grant " + grant.id() + " kept as it is: the hub has it already";
        } catch (GrantException e) {
            return "grant " + grant.id() + " NOT restored: " + e.getMessage();
        }
    }

    /** A household the hub does not have is restored as it was; one it has stays as it is. */
    private String restore(Household household) {
        try {
            return households.restore(household) ? "household " + household.id() + " restored"
                    : "household " + household.id() + " kept as it is: the hub has it already";
        } catch (HouseholdException e) {
            return "household " + household.id() + " NOT restored: " + e.getMessage();
        }
    }

    private String restore(StoredToken token) {
        try {
            tokens.restore(token);
            return "token " + token.info().name() + " restored";
        } catch (TokenException e) {
            return "token " + token.info().name() + " NOT restored: " + e.getMessage();
        }
    }

    private String restore(Thing thing, boolean enabled) {
        String source = things.getSource(thing.uid()).orElse(null);
        List<String> unset = source == null ? thing.configuration().entrySet().stream()
                .filter(e -> Secrets.isMarker(e.getValue())).map(Map.Entry::getKey).toList() : List.of();
        try {
            if (source == null) {
                Map<String, Object> configuration = new LinkedHashMap<>(thing.configuration());
                configuration.keySet().removeAll(unset);
                managed.add(thing.withConfiguration(configuration));
            } else if (source.equals(MANAGED)) {
                managed.update(thing);
            } else {
                return "thing " + thing.uid() + " skipped: the thing file " + source + " defines it";
            }
            managed.setEnabled(thing.uid(), enabled);
            return "thing " + thing.uid() + (source == null ? " created" : " replaced") + (enabled ? "" : ", disabled")
                    + (unset.isEmpty() ? "" : "; secrets to set again (backups leave them out): " + String.join(", ", unset));
        } catch (ThingChangeException e) {
            return "thing " + thing.uid() + " NOT restored: " + e.getMessage()
                    + (e.violations().isEmpty() ? "" : ": " + String.join("; ", e.violations()));
        }
    }

    /** Applies a configuration unless it is already in force: an update restarts the component it configures. */
    private String restore(String pid, Map<String, Object> properties) {
        try {
            Configuration configuration = configurations.getConfiguration(pid, "?");
            if (properties.equals(current(configuration))) {
                return "configuration " + pid + " unchanged";
            }
            configuration.update(new Hashtable<>(properties));
            return "configuration " + pid + " applied";
        } catch (IOException e) {
            return "configuration " + pid + " NOT applied: " + e.getMessage();
        }
    }

    /** The configuration's own properties, as an archive holds them (numbers and texts compared by value). */
    private static Map<String, Object> current(Configuration configuration) {
        Map<String, Object> properties = new LinkedHashMap<>();
        Dictionary<String, Object> dictionary = configuration.getProperties();
        if (dictionary != null) {
            for (Enumeration<String> keys = dictionary.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (!NOT_CONFIGURATION.contains(key)) {
                    properties.put(key, Archive.value(configuration.getPid(),
                            Map.entry(key, Json.toTree(dictionary.get(key)))));
                }
            }
        }
        return properties;
    }

    /** A parsed, checked archive. */
    record Archive(List<ManagedThing> things, List<DiscoveryResult> ignored, List<Household> households,
            List<StoredToken> tokens, List<Grant> grants, Map<String, Map<String, Object>> configurations) {

        record ManagedThing(Thing thing, boolean enabled) {
        }

        /** @throws IllegalArgumentException naming the part of the archive that is wrong */
        static Archive parse(String text) {
            JsonNode root;
            try {
                root = Json.parse(text);
            } catch (IOException e) {
                throw new IllegalArgumentException("the archive is not valid JSON: " + e.getMessage());
            }
            if (root == null || root.path("schemaVersion").asInt(0) != SCHEMA_VERSION) {
                throw new IllegalArgumentException("the archive must have \"schemaVersion\": " + SCHEMA_VERSION);
            }
            List<ManagedThing> things = parseAll(root, "managedThings", node -> {
                if (!node.has("thing")) {
                    throw new IllegalArgumentException("missing 'thing'");
                }
                return new ManagedThing(ThingJson.parseThing(node.get("thing")), node.path("enabled").asBoolean(true));
            });
            return new Archive(things, parseAll(root, "ignoredInbox", DiscoveryJson::parseDiscoveryResult),
                    parseAll(root, "households", HomeJson::parseHousehold), parseAll(root, "tokens", TokenRegistry::parseStored), parseAll(root, "grants", SharingJson::parseGrant),
                    configurations(root.path("configurations")));
        }

        /** Every entry of an array of the archive, each read by the parser; the first bad one names its index. */
        private static <T> List<T> parseAll(JsonNode root, String field, Function<JsonNode, T> parser) {
            List<T> entries = new ArrayList<>();
            int index = 0;
            for (JsonNode node : root.path(field)) {
                try {
                    entries.add(parser.apply(node));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(field + "[" + index + "]: " + e.getMessage(), e);
                }
                index++;
            }
            return entries;
        }

        private static Map<String, Map<String, Object>> configurations(JsonNode node) {
            Map<String, Map<String, Object>> result = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> pids = node.fields(); pids.hasNext();) {
                Map.Entry<String, JsonNode> pid = pids.next();
                if (!pid.getKey().startsWith("org.cityhub.")) {
                    throw new IllegalArgumentException("configurations: '" + pid.getKey()
                            + "' is not a CityHub configuration (org.cityhub.*)");
                }
                Map<String, Object> properties = new LinkedHashMap<>();
                pid.getValue().fields().forEachRemaining(p -> properties.put(p.getKey(), value(pid.getKey(), p)));
                result.put(pid.getKey(), properties);
            }
            return result;
        }

        static Object value(String pid, Map.Entry<String, JsonNode> property) {
            JsonNode value = property.getValue();
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isIntegralNumber()) {
                return value.canConvertToInt() ? (Object) value.intValue() : (Object) value.longValue();
            }
            if (value.isNumber()) {
                return value.doubleValue();
            }
            if (value.isTextual()) {
                return value.textValue();
            }
            throw new IllegalArgumentException("configurations: " + pid + "." + property.getKey()
                    + " must be a string, a number or a boolean");
        }
    }
}
