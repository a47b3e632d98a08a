package org.cityhub.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Node-RED 4.1 as a peer: installed from the npm registry into {@code target/node-red} on first use, started as a
 * process of its own with a flow the benchmark writes, on a free port.
 */
public final class NodeRed implements AutoCloseable {

    /** A way to reach Node-RED that fails until it listens. */
    @FunctionalInterface
    public interface Attempt {
        void run() throws Exception;
    }

    private final Process process;
    private final int port;
    private final Path log;

    private NodeRed(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Installs Node-RED if needed and starts it with this flow, its files under {@code work}. */
    public static NodeRed start(Path work, String flow) throws IOException, InterruptedException {
        Path home = Path.of("target", "node-red").toAbsolutePath();
        Path redJs = home.resolve("node_modules/node-red/red.js");
        if (!Files.exists(redJs)) {
            Process npm = new ProcessBuilder("npm", "install", "--prefix", home.toString(), "--no-audit", "--no-fund",
                    "node-red@4.1").inheritIO().start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IOException("npm install node-red@4.1 failed");
            }
        }
        Path user = work.resolve("node-red-user");
        Files.createDirectories(user);
        Files.writeString(user.resolve("flows.json"), flow);
        int port = freePort();
        Path log = work.resolve("node-red.log");
        Process process = new ProcessBuilder("node", redJs.toString(), "--userDir", user.toString(), "--port",
                Integer.toString(port), "flows.json").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new NodeRed(process, port, log);
    }

    public int port() {
        return port;
    }

    /** The process's CPU time so far. */
    public Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Retries the attempt (say, opening a WebSocket) until Node-RED listens, for at most two minutes. */
    public void whenListening(Attempt attempt) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                attempt.run();
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Node-RED did not listen on port " + port + "; see " + log, e);
                }
                TimeUnit.MILLISECONDS.sleep(250); // polling a condition with a deadline
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
