package org.cityhub.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArchiveTest {

    @Test
    void readsThingsIgnoredEntriesAndConfigurations() {
        BackupService.Archive archive = BackupService.Archive.parse("""
                {"schemaVersion": 1,
                 "managedThings": [{"enabled": false, "thing": {"uid": "a:b:c", "label": "C"}}],
                 "ignoredInbox": [{"thingUID": "a:b:d", "label": "D"}],
                 "configurations": {"org.cityhub.things": {"handlerTimeoutSeconds": 5, "x": "y", "on": true}}}""");

        assertThat(archive.things()).singleElement().satisfies(t -> assertThat(t.enabled()).isFalse());
        assertThat(archive.ignored()).singleElement().satisfies(r -> assertThat(r.label()).isEqualTo("D"));
        assertThat(archive.configurations().get("org.cityhub.things")).containsEntry("handlerTimeoutSeconds", 5)
                .containsEntry("on", true);
    }

    @Test
    void namesWhatIsWrongSoThatNothingIsApplied() {
        assertThatThrownBy(() -> BackupService.Archive.parse("{\"schemaVersion\": 2}"))
                .hasMessageContaining("\"schemaVersion\": 1");
        assertThatThrownBy(() -> BackupService.Archive.parse("{\"schemaVersion\": 1, \"managedThings\": [{}, "
                + "{\"thing\": {\"uid\": \"bad\"}}]}")).hasMessageStartingWith("managedThings[0]: missing 'thing'");
        assertThatThrownBy(() -> BackupService.Archive.parse("{\"schemaVersion\": 1, \"managedThings\":"
                + " [{\"thing\": {\"uid\": \"bad\", \"label\": \"x\"}}]}")).hasMessageStartingWith("managedThings[0]: invalid thing UID 'bad'");
        assertThatThrownBy(() -> BackupService.Archive.parse("{\"schemaVersion\": 1, \"configurations\":"
                + " {\"org.apache.karaf.shell\": {}}}")).hasMessageContaining("is not a CityHub configuration");
        assertThatThrownBy(() -> BackupService.Archive.parse("not json")).hasMessageStartingWith("the archive is not valid JSON");
    }
}
