package org.cityhub.benchmarks.ui;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;

import org.cityhub.benchmarks.HubProcess;
import org.cityhub.benchmarks.StreamFleet;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The web console at city scale, in Debian's headless Chromium through its ChromeDriver, against the distribution as
 * users run it: 10,000 things on the map and in the list, 1,000 of them changing once a second (signal counters), so
 * 1,000 events/s reach the page. Measured: the time from asking for the page to the map and list drawn (5 loads);
 * then, for 30 s under the events, the frame times, the long tasks and the events taken in, beside the events the
 * hub's counters produced in the same time; then the time the search box takes to filter. The same is measured for
 * the practical limit, Leaflet and its cluster plugin alone on the same things and events ({@code ui/bare-map.js}),
 * loads interleaved so that the machine's drift falls on both.
 */
public final class UiLoadTest {

    private static final int THINGS = 10_000;
    private static final int LIVE = 1_000;
    private static final int DEPARTMENTS = 10;
    private static final int LOADS = 5;
    private static final String[] DISTRICTS = { "西湖区 Xihu", "上城区 Shangcheng", "拱墅区 Gongshu", "滨江区 Binjiang" };
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(2)).build();
    private final int seconds;
    private HubProcess hub;
    private ChromeDriver browser;
    private String token;

    /** What one page measured. */
    private record Figures(double[] loads, double[] frames, double[] longTasks, long eventsTaken, long eventsProduced,
            double[] filters) {
    }

    private UiLoadTest(int seconds) {
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        try {
            new UiLoadTest(args.length > 0 ? Integer.parseInt(args[0]) : 30).run();
            System.exit(0);
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private void run() throws Exception {
        try (HubProcess started = new HubProcess(HubProcess.distribution(), Path.of("target", "ui-hub")
                .toAbsolutePath())) {
            hub = started;
            hub.delete("etc/things/demo-city.json");
            for (String demo : new String[] { "canal-flood", "river-alarm", "school-air", "evening-lights" }) {
                hub.delete("etc/rules/" + demo + ".json");
            }
            hub.write("etc/things/ui-city.json", city());
            hub.start(http);
            hub.send(http, "POST", "/bindings", "{\"feature\": \"cityhub-binding-signal\"}");
            hub.awaitOnline("signal", http);
            hub.awaitOnline("simulator", http);
            token = StreamFleet.token(http, hub, "ui-benchmark", "viewer", "*");
            browser = chromium();
            try {
                System.out.printf(Locale.ROOT, "%,d things, %,d of them changing once a second; Chromium headless,"
                        + " 1400×1000; %d cores%n", THINGS, LIVE, Runtime.getRuntime().availableProcessors());
                report(measure());
            } finally {
                browser.quit();
            }
        }
    }

    private Figures[] measure() throws Exception {
        double[] consoleLoads = new double[LOADS];
        double[] bareLoads = new double[LOADS];
        for (int i = 0; i < LOADS; i++) {
            consoleLoads[i] = loadConsole();
            bareLoads[i] = loadBare();
        }
        loadConsole();
        Figures console = observe(consoleLoads, "cityhubEvents", true);
        loadBare();
        Figures bare = observe(bareLoads, "bareEvents", false);
        return new Figures[] { console, bare };
    }

    /** The console, signed in: ms from asking for the page until its map and list are drawn. */
    private double loadConsole() throws IOException {
        browser.get(hubUrl("/ui/"));
        browser.executeScript("sessionStorage.setItem('cityhub.token', arguments[0]);", token);
        browser.navigate().refresh();
        return awaitNumber("window.cityhubDrawn");
    }

    /** Leaflet alone, in a page of the hub's origin: ms from asking for the page until its map is drawn. */
    private double loadBare() throws IOException {
        browser.get(hubUrl("/ui/config.json"));
        Object started = browser.executeAsyncScript(resource("bare-map.js"), token);
        if (!"ok".equals(started)) {
            throw new IllegalStateException("the bare Leaflet page: " + started);
        }
        return awaitNumber("window.bareDrawn");
    }

    private double awaitNumber(String expression) {
        return ((Number) new WebDriverWait(browser, Duration.ofSeconds(120)).until(driver -> browser.executeScript(
                "return " + expression + " || null;"))).doubleValue();
    }

    /** The page under the events for the run's seconds, with the events the hub produced meanwhile. */
    private Figures observe(double[] loads, String counter, boolean console) throws Exception {
        long before = counted();
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) browser.executeAsyncScript(resource("observe.js"), seconds,
                counter);
        long produced = counted() - before;
        double[] filters = console ? numbers(browser.executeAsyncScript(resource("filter.js"))) : new double[0];
        return new Figures(loads, numbers(seen.get("frames")), numbers(seen.get("longTasks")),
                ((Number) seen.get("events")).longValue(), produced, filters);
    }

    /** The sum of every counter's count now: how many state events the counters have produced. */
    private long counted() throws IOException, InterruptedException {
        JsonNode things = JSON.readTree(http.send(hub.request("/things?binding=signal&limit=" + LIVE).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        long sum = 0;
        for (JsonNode thing : things) {
            sum += thing.at("/states/count/value").asLong();
        }
        return sum;
    }

    private static void report(Figures[] figures) {
        Figures console = figures[0];
        Figures bare = figures[1];
        System.out.printf(Locale.ROOT, "%n| | web console | Leaflet alone | console ÷ Leaflet |%n| --- | ---: | ---: | ---: |%n");
        row("map and list drawn, median of %d loads (ms)".formatted(LOADS), median(console.loads()),
                median(bare.loads()));
        row("map and list drawn, slowest load (ms)", max(console.loads()), max(bare.loads()));
        row("frames per second under the events", 1000 / mean(console.frames()), 1000 / mean(bare.frames()));
        row("frame interval p99 (ms)", percentile(console.frames(), 0.99), percentile(bare.frames(), 0.99));
        row("longest frame interval (ms)", max(console.frames()), max(bare.frames()));
        row("long tasks (> 50 ms) in the window", console.longTasks().length, bare.longTasks().length);
        row("longest task (ms)", max(console.longTasks()), max(bare.longTasks()));
        System.out.printf(Locale.ROOT, "| events taken in ÷ produced | %.3f | %.3f | |%n",
                (double) console.eventsTaken() / console.eventsProduced(),
                (double) bare.eventsTaken() / bare.eventsProduced());
        System.out.printf(Locale.ROOT, "%nstate events the counters produced while each page was watched (counted from"
                + " their states through REST just before and after, so the two windows differ by a request each):"
                + " %,d and %,d; events the page took in: %,d (state and status) and %,d (state)%n",
                console.eventsProduced(), bare.eventsProduced(), console.eventsTaken(), bare.eventsTaken());
        double[] narrowing = every(console.filters(), 0);
        double[] widening = every(console.filters(), 1);
        System.out.printf(Locale.ROOT, "search box under the events (10 times): to 'Counter 1' p50 %.0f ms, max %.0f ms;"
                + " back to all %,d things p50 %.0f ms, max %.0f ms%n", median(narrowing), max(narrowing), THINGS,
                median(widening), max(widening));
    }

    private static void row(String what, double console, double bare) {
        String ratio = bare == 0 ? "—" : String.format(Locale.ROOT, "%.2f×", console / bare);
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %s |%n", what, console, bare, ratio);
    }

    /** 1,000 signal counters changing once a second and 9,000 air stations reporting hourly, spread over the city. */
    private static String city() {
        Random random = new Random(2026);
        List<String> things = new ArrayList<>();
        for (int i = 0; i < THINGS; i++) {
            boolean live = i < LIVE;
            String uid = live ? "signal:counter:c" + i : "simulator:airquality:a" + i;
            String configuration = live ? "{\"ratePerSecond\": 1}" : "{\"intervalSeconds\": 3600}";
            things.add(String.format(Locale.ROOT, "{\"uid\": \"%s\", \"label\": \"%s %d\", \"department\": \"d%d\","
                    + " \"location\": {\"lat\": %.5f, \"lon\": %.5f}, \"tags\": [\"t%d\"], \"properties\":"
                    + " {\"district\": \"%s\"}, \"configuration\": %s}", uid, live ? "Counter" : "Station", i,
                    i % DEPARTMENTS, 30.15 + random.nextDouble() * 0.25, 120.0 + random.nextDouble() * 0.35, i % 50,
                    DISTRICTS[i % DISTRICTS.length], configuration));
        }
        return "{\"things\": [\n" + String.join(",\n", things) + "\n]}";
    }

    private ChromeDriver chromium() throws IOException {
        Path profile = Files.createTempDirectory("cityhub-chromium");
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--lang=en-US", "--user-data-dir=" + profile);
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(seconds + 60L));
        return driver;
    }

    private String hubUrl(String path) {
        return hub.request(path).build().uri().toString().replace("/api" + path, path);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = UiLoadTest.class.getResourceAsStream("/ui/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static double[] numbers(Object list) {
        return ((List<?>) list).stream().mapToDouble(value -> ((Number) value).doubleValue()).toArray();
    }

    private static double[] every(double[] values, int offset) {
        double[] picked = new double[values.length / 2];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = values[2 * i + offset];
        }
        return picked;
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double rank) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(rank * sorted.length) - 1)];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }
}
