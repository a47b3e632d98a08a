package org.cityhub.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Mosquitto from the OS package ({@code apt-get install mosquitto}), a broker neither the hub nor its peers were
 * built on, on a free loopback port, queueing generously for slow subscribers, sending without Nagle's delay.
 */
public final class Mosquitto implements AutoCloseable {

    private final Process process;
    private final int port;

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a broker whose configuration and log are kept in the folder. */
    public static Mosquitto start(Path folder) throws IOException, InterruptedException {
        Path program = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"),
                Path.of("/usr/local/sbin/mosquitto")).stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("this benchmark needs Mosquitto: apt-get install mosquitto"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(folder);
        Path config = folder.resolve("mosquitto.conf");
        Files.write(config, List.of("user root", "persistence false", "listener " + port + " 127.0.0.1",
                "allow_anonymous true", "max_queued_messages 100000",
                // without it Nagle's algorithm meets the subscribers' delayed ACKs: 40 ms stalls on every system
                "set_tcp_nodelay true"));
        Process process = new ProcessBuilder(program.toString(), "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts(port)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("Mosquitto did not start; see " + folder.resolve("mosquitto.log"));
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling an outside process, with a deadline
        }
        return new Mosquitto(process, port);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** The broker's CPU time so far. */
    public java.time.Duration cpu() {
        return process.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
