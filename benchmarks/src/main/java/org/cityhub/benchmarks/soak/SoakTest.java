package org.cityhub.benchmarks.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import javax.imageio.ImageIO;

import org.cityhub.benchmarks.HubProcess;
import org.cityhub.benchmarks.Mosquitto;
import org.cityhub.benchmarks.NumberedDevices;
import org.cityhub.benchmarks.StreamFleet;

/**
 * The hub over an hour: MQTT devices ({@link NumberedDevices}, through Mosquitto from the OS package) send a steady
 * rate of numbered messages to 100 things of ten departments; 200 SSE clients on
 * department-scoped viewer tokens (five streams per token) each follow one device of their department, two
 * clients per device. Every minute the hub's heap after a full GC,
 * its threads and open files, the events delivered, lost and announced, and the latency from the device's send to
 * the client's receipt are sampled, printed, and written to a CSV file; at the end a PNG plot is drawn from them.
 *
 * <pre>java -cp target/benchmarks.jar org.cityhub.benchmarks.soak.SoakTest [minutes] [messages/s] [clients]</pre>
 */
public final class SoakTest {

    private static final int DEPARTMENTS = 10;
    private static final int DEVICES_PER_DEPARTMENT = 10;
    private static final int STREAMS_PER_TOKEN = 5;

    private final int minutes;
    private final int rate;
    private final int clients;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();
    private final List<double[]> samples = new ArrayList<>();

    private SoakTest(int minutes, int rate, int clients) {
        this.minutes = minutes;
        this.rate = rate;
        this.clients = clients;
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        new SoakTest(minutes, rate, clients).run(HubProcess.distribution());
        System.exit(0);
    }

    private void run(Path distribution) throws Exception {
        Path work = Path.of("target", "soak").toAbsolutePath();
        try (HubProcess hub = new HubProcess(distribution, work.resolve("hub"));
                Mosquitto broker = Mosquitto.start(work);
                NumberedDevices devices = new NumberedDevices(broker.port(), "soak", DEPARTMENTS,
                        DEVICES_PER_DEPARTMENT)) {
            hub.delete("etc/things/demo-city.json");
            hub.write("etc/things/soak.json", devices.thingsFile());
            hub.start(http);
            hub.awaitOnline("mqtt", http);
            StreamFleet fleet = new StreamFleet();
            String token = null;
            for (int i = 0; i < clients; i++) {
                int department = i / STREAMS_PER_TOKEN % DEPARTMENTS;
                if (i % STREAMS_PER_TOKEN == 0) {
                    token = StreamFleet.token(http, hub, "soak-" + i, "viewer", NumberedDevices.department(department));
                }
                // each client follows one device of its department, as a duty officer's screen follows a meter
                int nth = i / (STREAMS_PER_TOKEN * DEPARTMENTS) * STREAMS_PER_TOKEN + i % STREAMS_PER_TOKEN;
                String device = NumberedDevices.device(department, nth % DEVICES_PER_DEPARTMENT);
                fleet.open(http, hub, token, "cityhub/things/mqtt:topic:" + device + "/channels/reading/state");
            }
            devices.start(rate);
            System.out.printf("soak: %d min, %d messages/s from %d devices through Mosquitto, %d SSE clients%n",
                    minutes, rate, DEPARTMENTS * DEVICES_PER_DEPARTMENT, clients);
            System.out.println("minute, heap MiB after GC, threads, open files, delivered/s, latency p50 ms, p99 ms,"
                    + " lost unannounced, announced missed, out of order");
            Path csv = Path.of("results", "soak-" + LocalDate.now() + "-" + host() + ".csv").toAbsolutePath();
            Files.createDirectories(csv.getParent());
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
                out.println("minute,heap_mib,threads,open_files,delivered_per_s,p50_ms,p99_ms,lost_unannounced,"
                        + "announced_missed,out_of_order");
                fleet.measure();
                long start = System.nanoTime();
                for (int minute = 1; minute <= minutes; minute++) {
                    LockSupport.parkNanos(start + TimeUnit.MINUTES.toNanos(minute) - System.nanoTime()); // the clock
                    double[] sample = sample(minute, hub, fleet);
                    samples.add(sample);
                    String line = String.format(java.util.Locale.ROOT, "%.0f,%.1f,%.0f,%.0f,%.0f,%.1f,%.1f,%.0f,%.0f,%.0f",
                            (Object[]) box(sample));
                    out.println(line);
                    out.flush();
                    System.out.println(line);
                }
            }
            devices.stop();
            TimeUnit.SECONDS.sleep(5); // the last messages in flight
            Map<String, Long> lastSent = new java.util.HashMap<>();
            devices.lastSent().forEach((device, seq) -> lastSent.put("mqtt:topic:" + device, seq));
            StreamFleet.Tally tally = fleet.tally(lastSent);
            System.out.printf("over %d min: sent to the clients %d, received %d, announced as missed %d, lost"
                    + " unannounced %d, out of order %d, streams that got nothing %d%n", minutes, tally.expected(),
                    tally.received(), tally.announced(), tally.unannounced(), tally.disordered(), tally.silent());
            Path png = Path.of(csv.toString().replace(".csv", ".png"));
            plot(png);
            System.out.println("figures: " + csv + " and " + png);
        }
    }

    private double[] sample(int minute, HubProcess hub, StreamFleet fleet) throws IOException, InterruptedException {
        double delivered = fleet.deliveredSinceMeasuring() / 60.0;
        double p50 = fleet.latencyMillis(0.50);
        double p99 = fleet.latencyMillis(0.99);
        fleet.measure();
        StreamFleet.Tally sofar = fleet.tally(Map.of()); // up to what each client has seen: nothing in flight counts
        hub.collectGarbage();
        double heap = hub.heapUsedMegabytes();
        String metrics = http.send(hub.request("/metrics").build(), HttpResponse.BodyHandlers.ofString()).body();
        double threads = metrics.lines().filter(l -> l.startsWith("jvm_threads_current ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(20))).orElse(-1.0);
        return new double[] { minute, heap, threads, hub.openFiles(), delivered, p50, p99, sofar.unannounced(),
                sofar.announced(), sofar.disordered() };
    }

    private static Object[] box(double[] values) {
        Object[] boxed = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    /** Four panels over the minutes: heap after GC, threads, open files, events lost or announced. */
    private void plot(Path png) throws IOException {
        int width = 1000;
        int height = 720;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        String[] titles = { "heap after full GC (MiB)", "threads", "open files", "events lost unannounced + announced" };
        int[] columns = { 1, 2, 3, 7 };
        for (int panel = 0; panel < 4; panel++) {
            int x = 60 + (panel % 2) * 480;
            int y = 40 + (panel / 2) * 340;
            drawPanel(g, x, y, 400, 260, titles[panel], columns[panel]);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private void drawPanel(Graphics2D g, int x, int y, int w, int h, String title, int column) {
        double max = 1;
        for (double[] sample : samples) {
            max = Math.max(max, value(sample, column));
        }
        max *= 1.2;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, x, y - 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(x, y, w, h);
        g.drawString(String.format("%.0f", max), x - 45, y + 10);
        g.drawString("0", x - 15, y + h);
        g.drawString("minute " + minutes, x + w - 60, y + h + 15);
        g.setColor(new Color(0x1f77b4));
        g.setStroke(new BasicStroke(2));
        for (int i = 1; i < samples.size(); i++) {
            double[] a = samples.get(i - 1);
            double[] b = samples.get(i);
            g.drawLine(x + (int) (a[0] / minutes * w), y + h - (int) (value(a, column) / max * h),
                    x + (int) (b[0] / minutes * w), y + h - (int) (value(b, column) / max * h));
        }
    }

    private static double value(double[] sample, int column) {
        return column == 7 ? sample[7] + sample[8] : sample[column];
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().split("\\.")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
