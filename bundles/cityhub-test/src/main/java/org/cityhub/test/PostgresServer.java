package org.cityhub.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A real PostgreSQL server from the operating system's package ({@code postgresql}), made for one test in a
 * folder of its own and listening on a free port of 127.0.0.1, with a trusted user {@code cityhub}. It can be
 * stopped and started again on the same data, to test what a client does while its database is away. Run as
 * root (as CI does), the server runs as the package's {@code postgres} user, as PostgreSQL refuses root.
 *
 * <p>Not installed: the test fails under {@code CI=true} and is skipped elsewhere, as {@link PeerProgram} says.
 *
 * @since 1.1
 */
public final class PostgresServer implements AutoCloseable {

    /** The user the tests connect as, trusted from 127.0.0.1 (no password). */
    public static final String USER = "cityhub";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final int port;
    private @Nullable PeerProgram server;

    private PostgresServer(Path bin, Path folder, int port) {
        this.bin = bin;
        this.folder = folder;
        this.data = folder.resolve("pgdata");
        this.port = port;
    }

    /**
     * Creates a database cluster in the folder and starts its server.
     *
     * @throws org.opentest4j.TestAbortedException if PostgreSQL is not installed outside CI (the test is skipped)
     */
    public static PostgresServer start(Path folder) throws IOException, InterruptedException {
        Path bin = binaries();
        PostgresServer postgres = new PostgresServer(bin, folder, freePort());
        postgres.initialise();
        postgres.start();
        return postgres;
    }

    /** The newest server of {@code /usr/lib/postgresql/<version>/bin}, else {@code initdb} on the path. */
    private static Path binaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> installed = Files.list(versions)) {
                Optional<Path> newest = installed.map(version -> version.resolve("bin"))
                        .filter(dir -> Files.isExecutable(dir.resolve("initdb")))
                        .max(Comparator.comparingInt(PostgresServer::majorVersion));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        return PeerProgram.require("postgresql", "initdb").getParent();
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void initialise() throws IOException, InterruptedException {
        Files.createDirectories(data);
        if (asRoot()) {
            // the server runs as postgres: it must reach the folder and own its data
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
            UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("postgres");
            Files.setOwner(data, postgres);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                "--no-sync"));
    }

    /** Starts the server (again) on its data and port, and waits until it takes connections. */
    public void start() throws IOException {
        server = PeerProgram.start(folder, asUser(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", data.toString(), "-c", "listen_addresses=127.0.0.1")));
        server.awaitReady(this::ready, PATIENCE);
    }

    private boolean ready() {
        try {
            Process check = new ProcessBuilder(bin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p",
                    Integer.toString(port)).start();
            return check.waitFor(5, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the server at once (clients are disconnected), keeping its data; also one started by another process. */
    public void stop() throws IOException, InterruptedException {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            run(pgCtl("stop", "-m", "fast", "-w"));
        }
        if (server != null) {
            server.stop();
        }
        server = null;
    }

    /**
     * The command that runs {@code pg_ctl} on this server's data (as the {@code postgres} user when run as root),
     * for a test that stops and starts the server from another process (the hub's, say).
     *
     * @param arguments what to do, e.g. {@code stop -m fast -w}
     */
    public List<String> pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("-D", data.toString()));
        return asUser(command);
    }

    /** The {@link #pgCtl} command that starts this server again, in the background, on its port. */
    public List<String> pgCtlStart() {
        return pgCtl("start", "-w", "-l", data.resolve("pg_ctl.log").toString(), "-o", "-p " + port + " -k " + data
                + " -c listen_addresses=127.0.0.1");
    }

    /** The JDBC URL of the {@code postgres} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command.get(0).equals("runuser") ? command : asUser(command)).directory(folder.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    private static List<String> asUser(List<String> command) {
        if (!asRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
