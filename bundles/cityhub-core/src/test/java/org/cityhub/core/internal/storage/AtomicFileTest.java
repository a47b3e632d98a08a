package org.cityhub.core.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @Test
    void replacesTheContentAndLeavesNoTemporaryFile(@TempDir Path folder) throws Exception {
        Path target = folder.resolve("nested/thing.json");

        AtomicFile.write(target, "old".getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(target, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(target)).isEqualTo("new");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void stateDirectoryDefaultsBesideKaraf() {
        assertThat(StateDirectory.resolve("/srv/cityhub/state")).isEqualTo(Path.of("/srv/cityhub/state"));
        assertThat(StateDirectory.resolve("").getFileName()).hasToString("state");
    }
}
