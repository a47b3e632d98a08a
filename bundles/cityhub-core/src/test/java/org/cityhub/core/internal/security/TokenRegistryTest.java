package org.cityhub.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.cityhub.api.admin.IssuedToken;
import org.cityhub.api.admin.TokenException;
import org.cityhub.api.admin.TokenInfo;
import org.cityhub.api.event.EventBus;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.home.HouseholdDraft;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.core.internal.MutableClock;
import org.cityhub.core.internal.home.HouseholdRegistry;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class TokenRegistryTest {

    private static final DepartmentScope TRANSPORT = DepartmentScope.parse("transport");

    @TempDir
    Path state;

    private final EventBus bus = mock(EventBus.class);
    private final DamagedFiles damaged = new DamagedFiles();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final ThingRegistry things = mock(ThingRegistry.class);
    private HouseholdRegistry households;

    @BeforeEach
    void households() {
        households = new HouseholdRegistry(bus, things, damaged, state.resolve("households.json"), clock);
    }

    @Test
    void aResidentsTokenNamesHouseholdsTheHubKeepsAndEndsWithThem() throws Exception {
        TokenRegistry tokens = registry();
        assertThatThrownBy(() -> tokens.createResident("wang", Set.of("flat-301"), null, "x"))
                .isInstanceOf(TokenException.class).hasMessageContaining("no household 'flat-301'");
        assertThatThrownBy(() -> tokens.create("wang", Role.RESIDENT, TRANSPORT, null, "x"))
                .isInstanceOf(TokenException.class).hasMessageContaining("scoped to households");
        households.put(new HouseholdDraft("flat-301", "3-301", "翠苑一区 3幢 301", "西湖区", "community"), "x");

        IssuedToken wang = tokens.createResident("wang", Set.of("flat-301"), null, "token:community-office");

        assertThat(wang.info().isResident()).isTrue();
        assertThat(registry().authenticate(wang.secret())).map(TokenInfo::households).contains(Set.of("flat-301"));
        households.remove("flat-301", "x");
        assertThat(tokens.authenticate(wang.secret())).as("revoked with its household").isEmpty();
    }

    private TokenRegistry registry() throws Exception {
        return new TokenRegistry(bus, damaged, households, state.resolve("tokens.json"), clock);
    }

    @Test
    void aTokenAuthenticatesByItsSecretWhichIsNeverStored() throws Exception {
        TokenRegistry tokens = registry();
        IssuedToken issued = tokens.create("bus-office", Role.OPERATOR, TRANSPORT, null, "console:admin");

        assertThat(issued.secret()).startsWith("chub_").hasSizeGreaterThanOrEqualTo(5 + 43);
        assertThat(tokens.authenticate(issued.secret())).contains(issued.info());
        assertThat(tokens.authenticate(issued.secret() + "x")).isEmpty();
        String stored = Files.readString(state.resolve("tokens.json"), StandardCharsets.UTF_8);
        assertThat(stored).doesNotContain(issued.secret()).contains(TokenRegistry.hash(issued.secret()));
        verify(bus).publish(eq("cityhub/tokens/bus-office/added"), eq("added"), anyString(), anyString());
    }

    @Test
    void twoTokensNeverShareASecret() throws Exception {
        TokenRegistry tokens = registry();
        String first = tokens.create("a", Role.VIEWER, TRANSPORT, null, "test").secret();
        String second = tokens.create("b", Role.VIEWER, TRANSPORT, null, "test").secret();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void tokensSurviveARestart() throws Exception {
        String secret = registry().create("water", Role.INTEGRATOR, DepartmentScope.parse("water,parks"), null, "test")
                .secret();
        TokenRegistry restarted = registry();
        assertThat(restarted.authenticate(secret)).hasValueSatisfying(info -> {
            assertThat(info.role()).isEqualTo(Role.INTEGRATOR);
            assertThat(info.scope().departments()).containsExactly("parks", "water");
        });
    }

    @Test
    void aDamagedTokenFileIsSetAsideAndTheRegistryStartsWithoutIt() throws Exception {
        registry().create("water", Role.INTEGRATOR, DepartmentScope.parse("water"), null, "test");
        Path file = state.resolve("tokens.json");
        Files.writeString(file, Files.readString(file).substring(0, 40), StandardCharsets.UTF_8);

        TokenRegistry restarted = registry();

        assertThat(restarted.list()).isEmpty();
        assertThat(damaged.damages()).singleElement().satisfies(damage -> {
            assertThat(damage.setAside()).exists().hasFileName(damage.setAside().getFileName().toString());
            assertThat(damage.lost()).contains("every API token");
        });
        assertThat(file).doesNotExist();
        assertThat(restarted.create("fresh", Role.VIEWER, TRANSPORT, null, "test").secret()).startsWith("chub_");
    }

    @Test
    void restoringABackupNeverRevivesARevokedTokenEvenAfterARestart() throws Exception {
        TokenRegistry tokens = registry();
        IssuedToken issued = tokens.create("leaked", Role.ADMIN, DepartmentScope.ALL, null, "test");
        TokenRegistry.StoredToken backedUp = tokens.export().get(0);
        tokens.revoke("leaked");

        TokenRegistry restarted = registry();

        assertThatThrownBy(() -> restarted.restore(backedUp)).isInstanceOf(TokenException.class)
                .hasMessageContaining("never revives a revoked token");
        assertThat(restarted.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void aDamagedTokenEntryIsSkippedAndTheOthersKept() throws Exception {
        TokenRegistry tokens = registry();
        String kept = tokens.create("kept", Role.VIEWER, TRANSPORT, null, "test").secret();
        tokens.create("broken", Role.VIEWER, TRANSPORT, null, "test");
        Path file = state.resolve("tokens.json");
        JsonNode stored = Json.parse(file.toFile());
        stored.path("tokens").forEach(token -> {
            if (token.path("name").asText().equals("broken")) {
                ((ObjectNode) token).put("sha256", "not-a-hash");
            }
        });
        Files.writeString(file, Json.toText(stored), StandardCharsets.UTF_8);

        TokenRegistry restarted = registry();

        assertThat(restarted.authenticate(kept)).isPresent();
        assertThat(restarted.list()).extracting(info -> info.name()).containsExactly("kept");
        assertThat(damaged.damages()).singleElement().satisfies(damage ->
                assertThat(damage.problem()).startsWith("1 token entry unreadable"));
    }

    @Test
    void anExpiredTokenNoLongerAuthenticates() throws Exception {
        TokenRegistry tokens = registry();
        IssuedToken issued = tokens.create("visitor", Role.VIEWER, TRANSPORT, Duration.ofHours(1), "test");
        assertThat(tokens.authenticate(issued.secret())).isPresent();
        clock.advance(Duration.ofHours(1));
        assertThat(tokens.authenticate(issued.secret())).isEmpty();
        assertThat(tokens.isLive(issued.info())).isFalse();
    }

    @Test
    void aRevokedTokenStopsAtOnceAndStaysRevokedAfterARestart() throws Exception {
        TokenRegistry tokens = registry();
        IssuedToken issued = tokens.create("old", Role.ADMIN, DepartmentScope.ALL, null, "test");
        tokens.revoke("old");
        assertThat(tokens.authenticate(issued.secret())).isEmpty();
        assertThat(tokens.isLive(issued.info())).isFalse();
        assertThat(registry().authenticate(issued.secret())).isEmpty();
        verify(bus).publish(eq("cityhub/tokens/old/removed"), eq("removed"), anyString(), anyString());
    }

    @Test
    void adminTokensSeeEveryDepartment() throws Exception {
        IssuedToken issued = registry().create("root", Role.ADMIN, TRANSPORT, null, "test");
        assertThat(issued.info().scope().isAll()).isTrue();
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() throws Exception {
        TokenRegistry tokens = registry();
        tokens.create("taken", Role.VIEWER, TRANSPORT, null, "test");
        assertThatThrownBy(() -> tokens.create("taken", Role.VIEWER, TRANSPORT, null, "test"))
                .isInstanceOfSatisfying(TokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(TokenException.Reason.CONFLICT));
        assertThatThrownBy(() -> tokens.create("Bad Name", Role.VIEWER, TRANSPORT, null, "test"))
                .hasMessageContaining("not valid");
        assertThatThrownBy(() -> tokens.create("neg", Role.VIEWER, TRANSPORT, Duration.ofSeconds(-1), "test"))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> tokens.revoke("nobody")).isInstanceOfSatisfying(TokenException.class,
                e -> assertThat(e.reason()).isEqualTo(TokenException.Reason.NOT_FOUND));
    }

    @Test
    void aStoredTokenRoundTripsThroughJsonForTheBackup() throws Exception {
        TokenRegistry tokens = registry();
        tokens.create("kept", Role.OPERATOR, TRANSPORT, Duration.ofDays(30), "test");
        TokenRegistry.StoredToken stored = tokens.export().get(0);
        assertThat(TokenRegistry.parseStored(TokenRegistry.storedJson(stored))).isEqualTo(stored);
    }
}
