package org.cityhub.console.internal.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the console user {@code admin} on the first start, since the distribution ships no password: from
 * {@code CITYHUB_ADMIN_PASSWORD} if set, else a generated password written to {@code etc/admin.password}
 * (owner-only) and the log. {@code etc/users.properties} receives only its SHA-256 hash, which Karaf's JAAS
 * module checks ({@code encryption.enabled = true} in {@code etc/org.apache.karaf.jaas.cfg}).
 */
@Component(immediate = true)
public final class AdminAccount {

    static final String USER = "admin";
    static final String PASSWORD_VARIABLE = "CITYHUB_ADMIN_PASSWORD";
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccount.class);
    private static final int GENERATED_BYTES = 18; // 144 bits

    @Activate
    public AdminAccount() throws IOException {
        Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
        ensure(etc, System.getenv(PASSWORD_VARIABLE));
    }

    /** Adds the admin user unless {@code users.properties} already has one. */
    static void ensure(Path etc, String givenPassword) throws IOException {
        Path users = etc.resolve("users.properties");
        if (Files.exists(users) && hasAdmin(Files.readAllLines(users, StandardCharsets.ISO_8859_1))) {
            return;
        }
        String password = givenPassword == null || givenPassword.isBlank() ? generate() : givenPassword;
        boolean generated = givenPassword == null || givenPassword.isBlank();
        Path file = etc.resolve("admin.password");
        if (generated) {
            // the password is kept before the account exists: a failure in between leaves no account nobody can
            // log in to; the next start finds no admin and tries again
            Path temp = etc.resolve(".admin.password.tmp");
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, password + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.writeString(users, lines(password), StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (generated) {
            LOG.warn("first start: console user '{}' created with the generated password in {}", USER, file);
        } else {
            LOG.info("first start: console user '{}' created with the password from {}", USER, PASSWORD_VARIABLE);
        }
    }

    static boolean hasAdmin(List<String> lines) {
        return lines.stream().map(String::trim).anyMatch(line -> line.startsWith(USER + " ") || line.startsWith(USER + "="));
    }

    static String hash(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return "{CRYPT}" + HexFormat.of().formatHex(digest) + "{CRYPT}";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String lines(String password) {
        return "\n" + USER + " = " + hash(password) + ",_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n";
    }

    private static String generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
