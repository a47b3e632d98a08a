package org.cityhub.console.internal.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The first-start account, hashed with bcrypt as Spring Security's encoder (Karaf's checker) makes and checks it. */
class AdminAccountTest {

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();

    @Test
    void aGeneratedPasswordGoesToAnOwnerOnlyFileAndOnlyItsHashToUsers(@TempDir Path etc) throws Exception {
        Files.writeString(etc.resolve("users.properties"), "#karaf = karaf,_g_:admingroup\n");

        AdminAccount.ensure(etc, null, AdminAccountTest::hexBcrypt);

        Path passwordFile = etc.resolve("admin.password");
        String password = Files.readString(passwordFile).trim();
        String users = Files.readString(etc.resolve("users.properties"));
        assertThat(password).hasSizeGreaterThanOrEqualTo(24);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        assertThat(BCRYPT.matches(password, storedHash(users))).isTrue();
        assertThat(users).contains("_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh")
                .doesNotContain(password);
    }

    @Test
    void aGivenPasswordIsHashedAndNotWrittenAnywhere(@TempDir Path etc) throws Exception {
        AdminAccount.ensure(etc, "correct horse", AdminAccountTest::hexBcrypt);

        assertThat(Files.exists(etc.resolve("admin.password"))).isFalse();
        String users = Files.readString(etc.resolve("users.properties"));
        assertThat(BCRYPT.matches("correct horse", storedHash(users))).isTrue();
        assertThat(BCRYPT.matches("wrong horse", storedHash(users))).isFalse();
        assertThat(users).doesNotContain("correct horse");
    }

    @Test
    void anExistingAdminIsLeftAlone(@TempDir Path etc) throws Exception {
        AdminAccount.ensure(etc, "first", AdminAccountTest::hexBcrypt);
        String before = Files.readString(etc.resolve("users.properties"));

        AdminAccount.ensure(etc, "second", AdminAccountTest::hexBcrypt);

        assertThat(Files.readString(etc.resolve("users.properties"))).isEqualTo(before);
    }

    @Test
    void aFailureWritingTheAccountLeavesItsPasswordKeptNotLost(@TempDir Path etc) throws Exception {
        // users.properties cannot be written: it leads into a folder that does not exist
        Files.createSymbolicLink(etc.resolve("users.properties"), etc.resolve("gone").resolve("users.properties"));

        assertThatThrownBy(() -> AdminAccount.ensure(etc, null, AdminAccountTest::hexBcrypt)).isInstanceOf(IOException.class);

        assertThat(etc.resolve("admin.password")).exists();
        assertThat(Files.readString(etc.resolve("admin.password")).trim()).hasSizeGreaterThan(10);
        assertThat(etc.resolve(".admin.password.tmp")).doesNotExist();
    }

    @Test
    void theSamePasswordIsStoredDifferentlyEachTimeForItIsSalted(@TempDir Path first, @TempDir Path second)
            throws Exception {
        AdminAccount.ensure(first, "same", AdminAccountTest::hexBcrypt);
        AdminAccount.ensure(second, "same", AdminAccountTest::hexBcrypt);

        String one = storedHash(Files.readString(first.resolve("users.properties")));
        String other = storedHash(Files.readString(second.resolve("users.properties")));
        assertThat(one).isNotEqualTo(other).startsWith("$2a$10$");
        assertThat(BCRYPT.matches("same", one)).isTrue();
        assertThat(BCRYPT.matches("same", other)).isTrue();
    }

    /** bcrypt as Karaf's spring-security-crypto encryption writes it with encoding = hexadecimal. */
    private static String hexBcrypt(String password) {
        return HexFormat.of().formatHex(BCRYPT.encode(password).getBytes(StandardCharsets.UTF_8));
    }

    /** The admin's stored bcrypt hash, from between Karaf's {CRYPT} markers, hex-decoded. */
    private static String storedHash(String users) {
        Matcher matcher = Pattern.compile("admin = \\{CRYPT\\}([0-9a-f]+)\\{CRYPT\\},_g_:admingroup").matcher(users);
        assertThat(matcher.find()).as(users).isTrue();
        return new String(HexFormat.of().parseHex(matcher.group(1)), StandardCharsets.UTF_8);
    }
}
