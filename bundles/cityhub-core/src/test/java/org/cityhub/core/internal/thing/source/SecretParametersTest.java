package org.cityhub.core.internal.thing.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityhub.api.config.Secrets;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ConfigParameter;
import org.cityhub.api.thing.ParameterType;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingChangeException;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.ItemType;
import org.cityhub.core.internal.storage.DamagedFiles;
import org.cityhub.core.internal.thing.ThingFixtures;
import org.cityhub.core.internal.thing.ThingManager;
import org.cityhub.core.internal.thing.state.BindingErrors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, item 7: a secret parameter is stored and handed to the handler, and shown to nobody else. */
class SecretParametersTest {

    private static final String PASSWORD = "s3cret-canal-7781";
    private static final ThingTypeUID SERVICE = new ThingTypeUID("test", "service");
    private static final ThingUID CANAL = new ThingUID(SERVICE, "canal");
    private static final ThingType SERVICE_TYPE = new ThingType(SERVICE, "Service", "", false, List.of(), List.of(
            new ConfigParameter("user", ParameterType.TEXT, "User", "", false, null, null, null, null, List.of()),
            new ConfigParameter("password", ParameterType.TEXT, "Password", "", false, null, null, null, "[a-z0-9-]+",
                    List.of(), true)),
            List.of(new ChannelDefinition("level", "Level", ItemType.NUMBER, null, true, ChannelKind.STATE)));

    @TempDir
    Path state;

    private final ThingFixtures.MapTypes types = new ThingFixtures.MapTypes();
    private final ThingFixtures.RecordingBus bus = new ThingFixtures.RecordingBus();
    private ThingManager manager;
    private ManagedThingService managed;

    @BeforeEach
    void start() throws Exception {
        types.put(SERVICE_TYPE);
        manager = new ThingManager(bus, types, new BindingErrors(), ThingFixtures.config(1));
        managed = new ManagedThingService(manager, types, new DamagedFiles(), ManagedThingServiceTest.config(state));
    }

    @AfterEach
    void stop() {
        manager.stop();
    }

    @Test
    void theRegistryEventsAndTheAnswerShowASetSecretButTheDefinitionKeepsIt() throws Exception {
        Thing answered = managed.add(Thing.of(CANAL, "Canal", Map.of("user", "hub", "password", PASSWORD)));

        assertThat(answered.configuration()).containsEntry("password", Secrets.SET).containsEntry("user", "hub");
        assertThat(manager.get(CANAL).orElseThrow().configuration()).containsEntry("password", Secrets.SET);
        assertThat(manager.getAll()).allSatisfy(t -> assertThat(t.configuration()).doesNotContainValue(PASSWORD));
        assertThat(manager.definition(CANAL).orElseThrow().configuration()).containsEntry("password", PASSWORD);
        assertThat(bus.events).isNotEmpty().allSatisfy(e -> assertThat(e.payload()).doesNotContain(PASSWORD));
        assertThat(manager.definition(CANAL).orElseThrow().toString()).doesNotContain(PASSWORD).contains("password");
    }

    @Test
    void theMarkerSentBackKeepsTheStoredSecretAndANewValueReplacesIt() throws Exception {
        managed.add(Thing.of(CANAL, "Canal", Map.of("user", "hub", "password", PASSWORD)));
        Thing shown = manager.get(CANAL).orElseThrow();

        Map<String, Object> renamed = new LinkedHashMap<>(shown.configuration());
        renamed.put("user", "hub-2");
        managed.update(shown.withConfiguration(renamed));
        assertThat(manager.definition(CANAL).orElseThrow().configuration()).containsEntry("password", PASSWORD)
                .containsEntry("user", "hub-2");

        renamed.put("password", "rotated-1");
        managed.update(shown.withConfiguration(renamed));
        assertThat(manager.definition(CANAL).orElseThrow().configuration()).containsEntry("password", "rotated-1");
        Path stored = state.resolve("things").resolve("test.service.canal.json");
        assertThat(Files.readString(stored)).contains("rotated-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("rw-------");
    }

    @Test
    void aMarkerWithNothingStoredOrOnAParameterThatIsNotSecretIsRefused() {
        assertThatThrownBy(() -> managed.add(Thing.of(CANAL, "Canal", Map.of("password", Secrets.SET))))
                .isInstanceOfSatisfying(ThingChangeException.class, e -> assertThat(e.violations())
                        .containsExactly("parameter 'password' is a secret that is not set; give its value"));
        assertThatThrownBy(() -> managed.add(Thing.of(CANAL, "Canal", Map.of("user", Secrets.SET))))
                .isInstanceOfSatisfying(ThingChangeException.class, e -> assertThat(e.violations())
                        .containsExactly("parameter 'user' is not secret; give its value"));
    }

    @Test
    void aRefusedSecretIsNeverEchoedInTheViolation() {
        assertThatThrownBy(() -> managed.add(Thing.of(CANAL, "Canal", Map.of("password", "NOT-VALID-" + PASSWORD))))
                .isInstanceOfSatisfying(ThingChangeException.class, e -> assertThat(e.violations())
                        .containsExactly("parameter 'password' does not match the pattern [a-z0-9-]+"));
    }

    @Test
    void withoutItsThingTypeEveryParameterThatLooksLikeACredentialIsMasked() throws Exception {
        ThingUID unknown = ThingUID.parse("gone:service:canal");
        manager.define(Thing.of(unknown, "Canal", Map.of("apiToken", "t-" + PASSWORD, "clientKey", PASSWORD,
                "host", "10.0.0.7")), "canal.json", true);

        assertThat(manager.get(unknown).orElseThrow().configuration()).containsEntry("apiToken", Secrets.SET)
                .containsEntry("clientKey", Secrets.SET).containsEntry("host", "10.0.0.7");
    }
}
