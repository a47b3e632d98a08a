package org.cityhub.test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.opentest4j.TestAbortedException;

/**
 * A peer the binding was not built on, run as a program from the operating system (Mosquitto, libcoap's
 * {@code coap-server}, Python's {@code http.server}): found on the path, started with its output in a log file,
 * waited for, and stopped with the test.
 *
 * <p>A peer that is not installed fails the test when the environment variable {@code CI} is {@code true} (CI
 * installs every peer, so a missing one is a broken set-up) and otherwise skips it, printing one line that names
 * the package to install: never silently.
 */
public final class PeerProgram implements AutoCloseable {

    private static final List<Path> SEARCHED = List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin"),
            Path.of("/usr/local/bin"), Path.of("/usr/bin"));

    private final String name;
    private final Process process;
    private final Path log;

    private PeerProgram(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * The first of the programs found on the path (and in the usual {@code sbin} folders).
     *
     * @param debianPackage the package that installs it, named in the message when it is missing
     * @param names the program's names, in order of preference
     * @throws TestAbortedException if none is installed outside CI (the test is skipped)
     * @throws AssertionError if none is installed under {@code CI=true}
     */
    public static Path require(String debianPackage, String... names) {
        Optional<Path> found = find(names);
        if (found.isPresent()) {
            return found.get();
        }
        String message = "PEER MISSING: " + String.join(" or ", names) + " is not installed (apt-get install "
                + debianPackage + "); the tests against it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + " cannot run, and under CI=true that is a failure");
        }
        System.err.println("*** " + message + " are SKIPPED ***");
        throw new TestAbortedException(message + " are skipped");
    }

    private static Optional<Path> find(String... names) {
        List<Path> folders = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                folders.add(Path.of(entry));
            }
        }
        folders.addAll(SEARCHED);
        for (String name : names) {
            for (Path folder : folders) {
                Path candidate = folder.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a program; its output goes to {@code <name>.log} in the folder.
     *
     * @param folder where the log goes (and the working directory)
     * @param command the program and its arguments
     */
    public static PeerProgram start(Path folder, List<String> command) throws IOException {
        String name = Path.of(command.get(0)).getFileName().toString();
        Path log = folder.resolve(name + ".log");
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new PeerProgram(name, process, log);
    }

    /**
     * Waits until the condition holds, polling every 20 ms.
     *
     * @throws AssertionError if the program ends first or the time runs out, with what it printed
     */
    public PeerProgram awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended with " + process.exitValue() + ": " + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " was not ready within " + timeout + ": " + output());
            }
            try {
                Thread.sleep(20); // polling an outside process, which has no way to tell us it is ready
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + name, e);
            }
        }
        return this;
    }

    /** Waits until the program accepts TCP connections on the port of the host. */
    public PeerProgram awaitTcpPort(String host, int port, Duration timeout) {
        return awaitReady(() -> accepts(host, port), timeout);
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the program still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the program has printed so far. */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(its log " + log + " cannot be read: " + e.getMessage() + ")";
        }
    }

    /** Stops the program (SIGTERM, then SIGKILL after 5 s) and waits for it to end. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
