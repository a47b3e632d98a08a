package org.cityhub.console.internal.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.karaf.jaas.modules.Encryption;
import org.apache.karaf.jaas.modules.EncryptionService;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the console user {@code admin} on the first start, since the distribution ships no password: from
 * {@code CITYHUB_ADMIN_PASSWORD} if set, else a generated password written to {@code etc/admin.password}
 * (owner-only). {@code etc/users.properties} receives only its bcrypt hash (salted, deliberately slow), made by
 * the same Karaf encryption service that checks it at login ({@code encryption.name = spring-security-crypto},
 * {@code encryption.algorithm = bcrypt} in {@code etc/org.apache.karaf.jaas.cfg}).
 */
@Component(immediate = true)
public final class AdminAccount {

    static final String USER = "admin";
    static final String PASSWORD_VARIABLE = "CITYHUB_ADMIN_PASSWORD";
    private static final Logger LOG = LoggerFactory.getLogger(AdminAccount.class);
    private static final int GENERATED_BYTES = 18; // 144 bits

    @Activate
    public AdminAccount(@Reference(target = "(name=spring-security-crypto)") EncryptionService encryption)
            throws IOException {
        Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
        // as etc/org.apache.karaf.jaas.cfg tells the realm to check it
        Encryption bcrypt = encryption.createEncryption(Map.of("algorithm", "bcrypt", "encoding", "hexadecimal"));
        ensure(etc, System.getenv(PASSWORD_VARIABLE), bcrypt::encryptPassword);
    }

    /**
     * Adds the admin user unless {@code users.properties} already has one.
     *
     * @param hash the JAAS realm's password hash, as its login module checks it
     */
    static void ensure(Path etc, String givenPassword, UnaryOperator<String> hash) throws IOException {
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
        Files.writeString(users, lines(hash.apply(password)), StandardCharsets.ISO_8859_1, StandardOpenOption.CREATE,
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

    /** The account's lines; the hash between Karaf's {@code {CRYPT}} markers, which tell it apart from plain text. */
    private static String lines(String hash) {
        return "\n" + USER + " = {CRYPT}" + hash + "{CRYPT},_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n";
    }

    private static String generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
