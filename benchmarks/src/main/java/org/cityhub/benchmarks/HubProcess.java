package org.cityhub.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The CityHub distribution unpacked and run as its own process on free ports, as an operator runs it. */
public final class HubProcess implements AutoCloseable {

    private static final String PASSWORD = "harness";

    private final Path home;
    private final int httpPort;
    private final int sshPort;
    private Process process;
    private String token;

    public HubProcess(Path distribution, Path home) throws IOException, InterruptedException {
        this.home = home;
        if (Files.exists(home)) {
            try (Stream<Path> paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(home);
        run(List.of("tar", "-xzf", distribution.toString(), "--strip-components=1", "-C", home.toString()));
        httpPort = freePort();
        append("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort);
        sshPort = freePort();
        append("etc/org.apache.karaf.shell.cfg", "sshPort", sshPort);
        append("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort());
        append("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort());
    }

    /** A request to a path of the hub's API, with the admin token minted at the start. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api" + path))
                .header("Authorization", "Bearer " + token);
    }

    /** Starts the hub and waits until its REST API answers. */
    public void start(HttpClient http) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CITYHUB_ADMIN_PASSWORD", PASSWORD);
        // a hub the developer runs with ./run.sh may be up too; this one has its own home and ports
        builder.environment().put("CHECK_ROOT_INSTANCE_RUNNING", "false");
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200 && mintToken()) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(250); // polling a condition with a deadline
        }
        throw new IllegalStateException("the hub did not answer within 120 s; see " + home.resolve("console.log"));
    }

    /** Waits until every thing of the binding is ONLINE (and there is at least one), for up to 180 s. */
    public void awaitOnline(String binding, HttpClient http) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            String all = count(http, "/things?binding=" + binding + "&limit=1");
            if (!all.equals("0") && all.equals(count(http, "/things?binding=" + binding + "&status=ONLINE&limit=1"))) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(500); // polling a condition with a deadline
        }
        String online = count(http, "/things?binding=" + binding + "&status=ONLINE&limit=1");
        StringBuilder statuses = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonNode thing : new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                http.send(request("/things?binding=" + binding + "&limit=1000").build(),
                        HttpResponse.BodyHandlers.ofString()).body())) {
            if (!"ONLINE".equals(thing.at("/status/status").asText()) && statuses.length() < 2_000) {
                statuses.append("\n  ").append(thing.path("uid").asText()).append(' ').append(thing.path("status"));
            }
        }
        throw new IllegalStateException("the hub's " + binding + " things did not come ONLINE within 180 s: " + online
                + " of " + count(http, "/things?binding=" + binding + "&limit=1") + " are; some that are not: "
                + statuses);
    }

    private String count(HttpClient http, String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.discarding()).headers()
                .firstValue("X-Total-Count").orElse("0");
    }

    /** Mints an admin token through the console, as an admin does; false while the console is not ready. */
    private boolean mintToken() throws IOException, InterruptedException {
        if (token != null) {
            return true;
        }
        Process console = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-h", "127.0.0.1", "-u", "admin", "-p", PASSWORD, "-b").redirectErrorStream(true).start();
        console.getOutputStream().write("cityhub:token-create --role admin harness\n".getBytes(StandardCharsets.UTF_8));
        console.getOutputStream().close();
        String output = new String(console.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        console.waitFor();
        token = output.lines().map(String::strip).filter(line -> line.startsWith("chub_")).findFirst().orElse(null);
        return token != null;
    }

    /**
     * The hub's metrics now ({@code /api/metrics}), each sample by its name with labels as written, e.g.
     * {@code cityhub_history_points_written_total} or {@code cityhub_history_deleted_total{resolution="raw"}}.
     */
    public Map<String, Double> metrics(HttpClient http) throws IOException, InterruptedException {
        String text = http.send(request("/metrics").build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> samples = new java.util.HashMap<>();
        text.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return samples;
    }

    /** Sends a request with a JSON body; an answer of 300 or above is an exception with the answer's body. */
    public String send(HttpClient http, String method, String path, String json) throws IOException,
            InterruptedException {
        HttpResponse<String> response = http.send(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** Runs a full garbage collection in the hub's JVM, so that heap figures compare live data. */
    public void collectGarbage() throws IOException, InterruptedException {
        long pid = javaProcess().pid();
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), "GC.run"));
    }

    @Override
    public void close() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
    }

    /** Sets a configuration value in one of the hub's {@code etc/} files before it starts. */
    public void configure(String file, String key, Object value) throws IOException {
        append(file, key, value);
    }

    /** Deletes a file of the hub's home before it starts (e.g. the demo city, {@code etc/things/demo-city.json}). */
    public void delete(String relative) throws IOException {
        Files.deleteIfExists(home.resolve(relative));
    }

    /** Writes a file into the hub's home (e.g. a things file into {@code etc/things/}). */
    public void write(String relative, String content) throws IOException {
        Files.createDirectories(home.resolve(relative).getParent());
        Files.writeString(home.resolve(relative), content);
    }

    /** The files (and sockets) the hub's Java process has open now, from {@code /proc}. */
    public long openFiles() throws IOException {
        try (Stream<Path> open = Files.list(Path.of("/proc", Long.toString(javaProcess().pid()), "fd"))) {
            return open.count();
        }
    }

    /** The CPU time the hub's Java process has used so far. */
    public java.time.Duration cpu() {
        return javaProcess().info().totalCpuDuration().orElse(java.time.Duration.ZERO);
    }

    /** The distribution the build made: {@code ../karaf-assembly/target/cityhub-distribution-*.tar.gz}. */
    public static Path distribution() throws IOException {
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("..", "karaf-assembly",
                "target"), "cityhub-distribution-*.tar.gz")) {
            for (Path file : files) {
                return file.toAbsolutePath();
            }
        }
        throw new IllegalStateException("no distribution in ../karaf-assembly/target: build it first (mvn install)");
    }

    /** The heap the hub's JVM uses now, in MiB (after {@link #collectGarbage()}: its live data). */
    public double heapUsedMegabytes() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(javaProcess().pid()), "GC.heap_info").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K").matcher(output);
        return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : -1;
    }

    private ProcessHandle javaProcess() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElseThrow();
    }

    private void append(String file, String key, Object value) throws IOException {
        Files.writeString(home.resolve(file), "\n" + key + " = " + value + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
