package org.cityhub.console.internal.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminAccountTest {

    @Test
    void aGeneratedPasswordGoesToAnOwnerOnlyFileAndOnlyItsHashToUsers(@TempDir Path etc) throws Exception {
        Files.writeString(etc.resolve("users.properties"), "#karaf = karaf,_g_:admingroup\n");

        AdminAccount.ensure(etc, null);

        Path passwordFile = etc.resolve("admin.password");
        String password = Files.readString(passwordFile).trim();
        String users = Files.readString(etc.resolve("users.properties"));
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        assertThat(users).contains("admin = " + AdminAccount.hash(password) + ",_g_:admingroup")
                .contains("_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh")
                .doesNotContain(password);
    }

    @Test
    void aGivenPasswordIsHashedAndNotWrittenAnywhere(@TempDir Path etc) throws Exception {
        AdminAccount.ensure(etc, "correct horse");

        assertThat(Files.exists(etc.resolve("admin.password"))).isFalse();
        assertThat(Files.readString(etc.resolve("users.properties"))).contains(AdminAccount.hash("correct horse"))
                .doesNotContain("correct horse");
    }

    @Test
    void anExistingAdminIsLeftAlone(@TempDir Path etc) throws Exception {
        AdminAccount.ensure(etc, "first");
        String before = Files.readString(etc.resolve("users.properties"));

        AdminAccount.ensure(etc, "second");

        assertThat(Files.readString(etc.resolve("users.properties"))).isEqualTo(before);
    }

    @Test
    void aFailureWritingTheAccountLeavesItsPasswordKeptNotLost(@TempDir Path etc) throws Exception {
        // users.properties cannot be written: it leads into a folder that does not exist
        Files.createSymbolicLink(etc.resolve("users.properties"), etc.resolve("gone").resolve("users.properties"));

        assertThatThrownBy(() -> AdminAccount.ensure(etc, null)).isInstanceOf(IOException.class);

        assertThat(etc.resolve("admin.password")).exists();
        assertThat(Files.readString(etc.resolve("admin.password")).trim()).hasSizeGreaterThan(10);
        assertThat(etc.resolve(".admin.password.tmp")).doesNotExist();
    }

    @Test
    void hashesAsKarafsBasicEncryptionChecksThem() {
        // SHA-256 of "admin", hex, between Karaf's {CRYPT} markers
        assertThat(AdminAccount.hash("admin"))
                .isEqualTo("{CRYPT}8c6976e5b5410415bde908bd4dee15dfb167a9c873fc4bb8a81f6f2ab448a918{CRYPT}");
    }
}
