package org.cityhub.core.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.cityhub.api.admin.IssuedToken;
import org.cityhub.api.admin.TokenException.Reason;
import org.cityhub.api.admin.TokenException;
import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.admin.TokenService;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.event.EventTopics;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.core.internal.home.HouseholdRegistry;
import org.cityhub.core.internal.storage.AtomicFile;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.core.internal.storage.StateDirectory;
import org.cityhub.json.AdminJson;
import org.cityhub.json.Json;
import org.eclipse.jdt.annotation.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The access tokens, kept in {@code state/tokens.json} as SHA-256 hashes of their secrets. A secret is 256 random
 * bits, so a plain hash cannot be reversed by guessing; no salt or slow hash is needed, and every request is
 * checked with one hash and one map lookup.
 */
@Component(service = { TokenService.class, TokenRegistry.class }, immediate = true, configurationPid = "org.cityhub.tokens")
@Designate(ocd = TokenRegistry.Config.class)
public final class TokenRegistry implements TokenService {

    /** Typed configuration, PID {@code org.cityhub.tokens}. */
    @ObjectClassDefinition(name = "CityHub access tokens", description = "Where token hashes are kept")
    public @interface Config {

        @AttributeDefinition(description = "The hub's state folder; empty for ${karaf.base}/state")
        String stateDirectory() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(TokenRegistry.class);
    static final int SCHEMA_VERSION = 1;
    static final String SECRET_PREFIX = "chub_";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int SECRET_BYTES = 32;

    private final EventBus bus;
    private final Path file;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final HouseholdRegistry households;
    private final Runnable stopHearingRemovals;
    /** By hash of the secret. */
    private final Map<String, StoredToken> byHash = new ConcurrentHashMap<>();
    /** The hashes of revoked tokens: kept, so that restoring an older backup can never revive one. */
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    /** A token as stored: its description and the hash of its secret. */
    public record StoredToken(TokenInfo info, String hash) {
    }

    @Activate
    public TokenRegistry(@Reference EventBus bus, @Reference DamagedFiles damaged,
            @Reference HouseholdRegistry households, Config config) {
        this(bus, damaged, households, StateDirectory.resolve(config.stateDirectory()).resolve("tokens.json"),
                Clock.systemUTC());
    }

    TokenRegistry(EventBus bus, DamagedFiles damaged, HouseholdRegistry households, Path file, Clock clock) {
        this.bus = bus;
        this.file = file;
        this.clock = clock;
        this.households = households;
        load(damaged);
        this.stopHearingRemovals = households.onRemoval(this::revokeResidentsOf);
    }

    @Deactivate
    void stop() {
        stopHearingRemovals.run();
    }

    @Override
    public IssuedToken create(String name, Role role, DepartmentScope scope, @Nullable Duration lifetime,
            String createdBy) throws TokenException {
        if (role == Role.RESIDENT) {
            throw new TokenException(Reason.INVALID, "a resident's token is scoped to households, not departments:"
                    + " issue it for a household (POST /api/households/{id}/tokens, cityhub:token-create --household)");
        }
        checkName(name);
        checkLifetime(lifetime);
        Instant now = clock.instant();
        return store(new TokenInfo(name, role, role == Role.ADMIN ? DepartmentScope.ALL : scope, now,
                lifetime == null ? null : now.plus(lifetime), createdBy));
    }

    @Override
    public IssuedToken createResident(String name, Set<String> homes, @Nullable Duration lifetime,
            String createdBy) throws TokenException {
        checkName(name);
        checkLifetime(lifetime);
        if (homes.isEmpty()) {
            throw new TokenException(Reason.INVALID, "a resident's token names at least one household");
        }
        for (String home : homes) {
            if (households.get(home).isEmpty()) {
                throw new TokenException(Reason.INVALID, "no household '" + home + "': the community office makes"
                        + " it first (PUT /api/households/" + home + ")");
            }
        }
        Instant now = clock.instant();
        // a resident reaches no department: the scope is never consulted for residents (TokenInfo#isResident)
        return store(new TokenInfo(name, Role.RESIDENT, DepartmentScope.ALL, now,
                lifetime == null ? null : now.plus(lifetime), createdBy, homes));
    }

    private static void checkLifetime(@Nullable Duration lifetime) throws TokenException {
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
            throw new TokenException(Reason.INVALID, "a token's lifetime must be positive, was " + lifetime);
        }
    }

    private IssuedToken store(TokenInfo info) throws TokenException {
        String name = info.name();
        String secret = newSecret();
        synchronized (this) {
            if (get(name).isPresent()) {
                throw new TokenException(Reason.CONFLICT, "a token named '" + name + "' exists already;"
                        + " revoke it first or choose another name");
            }
            StoredToken stored = new StoredToken(info, hash(secret));
            byHash.put(stored.hash(), stored);
            save(() -> byHash.remove(stored.hash()));
        }
        publish(name, EventTopics.TYPE_ADDED, info);
        return new IssuedToken(info, secret);
    }

    @Override
    public List<TokenInfo> list() {
        return byHash.values().stream().map(StoredToken::info).sorted(Comparator.comparing(TokenInfo::name)).toList();
    }

    @Override
    public Optional<TokenInfo> get(String name) {
        return stored(name).map(StoredToken::info);
    }

    @Override
    public Optional<TokenInfo> authenticate(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        StoredToken stored = byHash.get(hash(secret));
        return stored == null || stored.info().expiredAt(clock.instant()) ? Optional.empty() : Optional.of(stored.info());
    }

    @Override
    public boolean isLive(TokenInfo token) {
        return stored(token.name()).filter(s -> s.info().equals(token)).isPresent() && !token.expiredAt(clock.instant());
    }

    @Override
    public void revoke(String name) throws TokenException {
        StoredToken stored;
        synchronized (this) {
            stored = stored(name).orElseThrow(() -> new TokenException(Reason.NOT_FOUND, "no token named '" + name + "'"));
            byHash.remove(stored.hash());
            revoked.add(stored.hash());
            save(() -> {
                byHash.put(stored.hash(), stored);
                revoked.remove(stored.hash());
            });
        }
        publish(name, EventTopics.TYPE_REMOVED, stored.info());
    }

    /** Revokes the tokens of residents of a household that was removed. */
    private void revokeResidentsOf(String household) {
        list().stream().filter(token -> token.households().contains(household)).forEach(token -> {
            try {
                revoke(token.name());
            } catch (TokenException e) {
                // revoked meanwhile, or the store failed; the household is gone, so the token sees nothing anyway
                LOG.warn("Resident token '{}' of removed household '{}' not revoked: {}", token.name(), household,
                        e.getMessage());
            }
        });
    }

    /** Every stored token with its hash, for the backup. */
    public List<StoredToken> export() {
        return byHash.values().stream().sorted(Comparator.comparing(s -> s.info().name())).toList();
    }

    /**
     * Restores a backed-up token (its hash; the secret was never kept), replacing one of the same name; a token
     * revoked since the backup stays revoked.
     */
    public synchronized void restore(StoredToken token) throws TokenException {
        if (revoked.contains(token.hash())) {
            throw new TokenException(Reason.INVALID, "token '" + token.info().name() + "' was revoked; a restore never"
                    + " revives a revoked token");
        }
        Optional<StoredToken> previous = stored(token.info().name());
        previous.ifPresent(p -> byHash.remove(p.hash()));
        byHash.put(token.hash(), token);
        save(() -> {
            byHash.remove(token.hash());
            previous.ifPresent(p -> byHash.put(p.hash(), p));
        });
    }

    private Optional<StoredToken> stored(String name) {
        return byHash.values().stream().filter(s -> s.info().name().equals(name)).findFirst();
    }

    private static void checkName(String name) throws TokenException {
        if (!NAME.matcher(name).matches()) {
            throw new TokenException(Reason.INVALID, "token name '" + name + "' is not valid: use 1 to 64 lower-case"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void publish(String name, String type, TokenInfo info) {
        bus.publish(EventTopics.token(name, type), type, Json.toText(AdminJson.token(info)), "tokens");
    }

    /** Stores the tokens; on failure undoes the change in memory and reports it. */
    private void save(Runnable undo) throws TokenException {
        ObjectNode root = Json.object().put("schemaVersion", SCHEMA_VERSION);
        ArrayNode tokens = root.putArray("tokens");
        export().forEach(token -> tokens.add(storedJson(token)));
        revoked.stream().sorted().forEach(root.putArray("revoked")::add);
        try {
            AtomicFile.write(file, Json.toText(root).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            undo.run();
            throw new TokenException(Reason.STORAGE_FAILED, "the tokens could not be stored in " + file + ": " + e);
        }
    }

    /** A stored token as JSON: its description and hash. */
    public static ObjectNode storedJson(StoredToken token) {
        return AdminJson.token(token.info()).put("sha256", token.hash());
    }

    /**
     * A stored token read from JSON.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static StoredToken parseStored(JsonNode node) {
        String hash = node.path("sha256").asText("");
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("'sha256' must be 64 hexadecimal digits");
        }
        String name = node.path("name").asText("");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'name' is not a token name: '" + name + "'");
        }
        try {
            String expires = node.path("expires").asText("");
            Role role = Role.parse(node.path("role").asText(""));
            Set<String> homes = new TreeSet<>();
            node.path("households").forEach(home -> homes.add(home.asText()));
            TokenInfo info = new TokenInfo(name, role, role == Role.RESIDENT ? DepartmentScope.ALL
                    : DepartmentScope.parse(node.path("departments").asText("")),
                    Instant.parse(node.path("created").asText("")), expires.isEmpty() ? null : Instant.parse(expires),
                    node.path("createdBy").asText("unknown"), homes);
            return new StoredToken(info, hash);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("token '" + name + "': a time is not ISO-8601: " + e.getParsedString());
        }
    }

    /** Reads the stored tokens; a damaged file is set aside and damaged entries skipped, never the hub stopped. */
    private void load(DamagedFiles damaged) {
        if (!Files.exists(file)) {
            return;
        }
        JsonNode root;
        try {
            root = Json.parse(file.toFile());
            if (root == null || root.path("schemaVersion").asInt() != SCHEMA_VERSION) {
                throw new IOException("not {\"schemaVersion\": " + SCHEMA_VERSION + ", \"tokens\": [...]}");
            }
        } catch (IOException e) {
            damaged.setAside(file, e.getMessage().lines().findFirst().orElse("unreadable"), "every API token:"
                    + " mint new ones with cityhub:token-create");
            return;
        }
        List<String> skipped = new ArrayList<>();
        for (JsonNode node : root.path("tokens")) {
            try {
                StoredToken token = parseStored(node);
                byHash.put(token.hash(), token);
            } catch (IllegalArgumentException e) {
                skipped.add(e.getMessage());
            }
        }
        root.path("revoked").forEach(hash -> revoked.add(hash.asText()));
        if (!skipped.isEmpty()) {
            damaged.note(file, skipped.size() + " token entr" + (skipped.size() == 1 ? "y" : "ies") + " unreadable: "
                    + String.join("; ", skipped), "those tokens: mint new ones with cityhub:token-create");
        }
    }
}
