package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser, Debian's Chromium through its ChromeDriver, against the distribution run as
 * users run it: sign in, the demo city on the map and in the list, a device's change on the page within seconds, a
 * command from the page taking effect, a history chart, a department seeing its own things alone, a resident its
 * home alone, and the page in Chinese. Each step leaves a screenshot in {@code target/ui-screenshots/}. Without the
 * browser the test fails under {@code CI=true} and is skipped, loudly, elsewhere.
 */
public class WebConsoleBrowserIT {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
    private static HubProcess hub;

    private ChromeDriver browser;
    private Path profile;

    @BeforeClass
    public static void startTheHub() throws Exception {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!present) {
            String message = "*** PEER MISSING: Chromium and ChromeDriver (apt-get install chromium chromium-driver);"
                    + " WebConsoleBrowserIT SKIPPED ***";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message.replace("SKIPPED", "and CI=true: FAILED"));
            }
            System.err.println(message);
        }
        assumeTrue(present);
        hub = HubProcess.unpack("ui-hub");
        hub.start();
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterClass
    public static void stopTheHub() {
        if (hub != null) {
            hub.stop();
        }
    }

    @Before
    public void openTheBrowser() throws IOException {
        profile = Files.createTempDirectory("cityhub-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=en-US",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .build(), options);
    }

    @After
    public void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    public void anAdminSeesTheCityLiveCommandsALightAndReadsAGaugesHistoryInBothLanguages() throws Exception {
        signIn(adminToken());
        until(() -> count() >= 15);
        assertThat(browser.findElements(By.cssSelector("#map .leaflet-interactive, #map .marker-cluster")))
                .as("the things on the map").isNotEmpty();
        shoot("01-map");
        assertNoCriticalAccessibilityViolation("the map");
        assertThat(browser.findElements(By.cssSelector("#map .district-name"))).as("the districts on the backdrop")
                .hasSize(4);
        new Select(browser.findElement(By.id("district"))).selectByValue("西湖区 Xihu");
        until(() -> count() == 2);
        new Select(browser.findElement(By.id("district"))).selectByValue("");
        until(() -> count() >= 15);

        browser.findElement(By.id("search")).sendKeys("canal");
        until(() -> count() == 1);
        tabUntil(By.cssSelector("#things a"));
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        until(() -> browser.getCurrentUrl().endsWith("#/thing/simulator%3Awaterlevel%3Acanal-lock"));
        until(() -> browser.findElement(By.id("thing-label")).getText().contains("Grand Canal"));
        browser.navigate().back();
        until(() -> count() >= 15);

        new Select(browser.findElement(By.id("language"))).selectByValue("zh-CN");
        until(() -> browser.findElement(By.id("things")).getText().contains("钱塘江七堡水位站"));
        assertThat(browser.findElement(By.cssSelector("header")).getText()).contains("地图");
        shoot("02-map-chinese");
        new Select(browser.findElement(By.id("language"))).selectByValue("en");

        browser.get(page("#/thing/simulator:streetlight:harbour-1"));
        until(() -> browser.findElements(By.cssSelector("tr[data-channel='power'] button.on")).size() == 1);
        String before = value("power");
        String target = "ON".equals(before) ? "OFF" : "ON";
        click(By.cssSelector("tr[data-channel='power'] button." + target.toLowerCase()));
        until(() -> target.equals(value("power")));
        shoot("03-command");
        assertNoCriticalAccessibilityViolation("a thing's page");

        String dimmed = "0".equals(value("brightness")) ? "100" : "0";
        browser.findElement(By.cssSelector("tr[data-channel='brightness'] input[type=range]"))
                .sendKeys("0".equals(dimmed) ? Keys.HOME : Keys.END);
        click(By.cssSelector("tr[data-channel='brightness'] button"));
        until(() -> dimmed.equals(value("brightness")));
        browser.findElement(By.cssSelector("#definition summary")).click();
        assertThat(browser.findElement(By.id("definition")).getText()).contains("simulator:streetlight:harbour-1")
                .contains("上城区 Shangcheng").contains("harbour");

        String brightness = value("brightness");
        hub.client().postJson("/things/simulator:streetlight:harbour-1/channels/brightness/command",
                "{\"command\": " + ("37".equals(brightness) ? 38 : 37) + "}");
        until(() -> !brightness.equals(value("brightness")));
        assertThat(browser.findElement(By.cssSelector("body")).getAttribute("class")).contains("live");

        browser.get(page("#/thing/simulator:waterlevel:river-east"));
        until(() -> !browser.findElements(By.cssSelector("#chart .uplot")).isEmpty()
                || !browser.findElements(By.cssSelector("#chart .empty")).isEmpty());
        until(() -> {
            if (browser.findElements(By.cssSelector("#chart .uplot")).isEmpty()) {
                new Select(browser.findElement(By.id("chart-range"))).selectByValue("-1h|1m");
            }
            return !browser.findElements(By.cssSelector("#chart .uplot canvas")).isEmpty();
        });
        shoot("04-history");
        new Select(browser.findElement(By.id("chart-aggregate"))).selectByValue("max");
        until(() -> browser.findElement(By.cssSelector("#chart .u-legend")).getText().contains("Maximum"));

        browser.get(page("#/problems"));
        until(() -> browser.findElement(By.id("health")).getText().contains("thing-files"));
        assertThat(browser.findElement(By.id("view")).getText()).doesNotContain("[object");
        shoot("07-problems");
        browser.get(page("#/rules"));
        until(() -> browser.findElement(By.id("rules")).getText().contains("canal-flood"));
        browser.get(page("#/events"));
        until(() -> browser.findElements(By.cssSelector("#event-log tbody tr")).size() >= 3);
        shoot("08-events");
        assertNoCriticalAccessibilityViolation("the event log");

        browser.get(page("#/inbox"));
        click(By.id("scan"));
        until(() -> browser.findElement(By.id("inbox")).getText().contains("simulator:streetlight:bridge-3"));
        WebElement bridgeLight = browser.findElement(By.xpath("//table[@id='inbox']//tr[td[1]"
                + "='simulator:streetlight:bridge-3']"));
        WebElement label = bridgeLight.findElement(By.tagName("input"));
        label.clear();
        label.sendKeys("Qianjiang Road bridge");
        // another device approved meanwhile redraws the list: what is being typed, and where, stays
        assertThat(hub.client().postJson("/inbox/simulator:traffic:airport-road/approve", "{}").status())
                .isEqualTo(201);
        until(() -> browser.findElements(By.xpath("//table[@id='inbox']//tr[td[1]='simulator:traffic:airport-road']"))
                .isEmpty());
        bridgeLight = browser.findElement(By.xpath("//table[@id='inbox']//tr[td[1]='simulator:streetlight:bridge-3']"));
        label = bridgeLight.findElement(By.tagName("input"));
        assertThat(label.getAttribute("value")).isEqualTo("Qianjiang Road bridge");
        assertThat(browser.switchTo().activeElement()).isEqualTo(label);
        label.sendKeys(" light 3");
        bridgeLight.findElement(By.cssSelector("button.approve")).click();
        until(() -> browser.findElement(By.id("inbox-result")).getText().contains("simulator:streetlight:bridge-3"));
        assertThat(hub.client().get("/things/simulator:streetlight:bridge-3").body().get("label").asText())
                .isEqualTo("Qianjiang Road bridge light 3");
        shoot("09-inbox");
        assertNoCriticalAccessibilityViolation("the inbox");

        browser.get(page("#/bindings"));
        until(() -> browser.findElement(By.id("bindings")).getText().contains("simulator"));
        browser.findElement(By.xpath("//table[@id='bindings']//tr[td[1]='simulator']//button")).click();
        until(() -> browser.findElement(By.id("binding-progress")).getText().startsWith("simulator: updated"));
        shoot("10-bindings");
        assertNoCriticalAccessibilityViolation("the bindings");
    }

    @Test
    public void onAPhoneTheListComesUnderTheMap() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        signIn(adminToken());
        until(() -> count() >= 15);
        WebElement map = browser.findElement(By.id("map"));
        WebElement list = browser.findElement(By.id("things"));
        assertThat(list.getRect().getY()).isGreaterThanOrEqualTo(map.getRect().getY() + map.getRect().getHeight());
        assertThat(map.getRect().getWidth()).isLessThanOrEqualTo(390);
        shoot("11-phone");
    }

    @Test
    public void aDepartmentSeesItsOwnThingsAloneAndAResidentItsHome() throws Exception {
        HubClient admin = hub.client();
        String environment = admin.postJson("/tokens", "{\"name\": \"ui-environment\", \"role\": \"viewer\","
                + " \"departments\": \"environment\"}").body().get("token").asText();
        signIn(environment);
        until(() -> count() == 3);
        assertThat(browser.findElement(By.id("things")).getText()).contains("West Lake air-quality station")
                .doesNotContain("Qiantang River gauge");
        assertThat(browser.findElement(By.cssSelector("nav a[href='#/bindings']")).isDisplayed())
                .as("bindings are an administrator's").isFalse();
        assertThat(browser.findElement(By.cssSelector("nav a[href='#/inbox']")).isDisplayed()).isFalse();
        shoot("05-department");

        admin.putJson("/households/ui-flat", "{\"label\": \"1幢101室\", \"address\": \"翠苑一区1幢101室\", \"district\":"
                + " \"西湖区 Xihu\", \"office\": \"community\"}");
        admin.postJson("/things", "{\"uid\": \"simulator:streetlight:ui-flat-lamp\", \"label\": \"Living room lamp\","
                + " \"labels\": {\"zh-CN\": \"客厅灯\"}, \"household\": \"ui-flat\", \"location\": {\"lat\": 30.287,"
                + " \"lon\": 120.129}}");
        String resident = admin.postJson("/households/ui-flat/tokens", "{\"name\": \"ui-resident\"}").body()
                .get("token").asText();
        browser.findElement(By.id("sign-out")).click();
        signIn(resident);
        until(() -> count() == 1);
        assertThat(browser.findElement(By.id("things")).getText()).contains("Living room lamp");
        shoot("06-resident");

        browser.findElement(By.id("sign-out")).click();
        String link = hub.console("cityhub:ui-link --role viewer --department water --base http://127.0.0.1:"
                + hub.httpPort()).lines().map(String::strip).filter(line -> line.startsWith("http")).findFirst()
                .orElseThrow();
        browser.get("about:blank"); // the link opened as a person opens it, in a page of its own
        browser.get(link);
        until(() -> count() == 2);
        assertThat(browser.getCurrentUrl()).as("the ticket out of the address").doesNotContain("ticket");
    }

    private void signIn(String token) {
        browser.get(page(""));
        until(() -> !browser.findElements(By.id("token")).isEmpty());
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("form.sign-in button[type=submit]")).click();
        until(() -> !browser.findElements(By.id("count")).isEmpty());
    }

    private String adminToken() {
        String name = "ui-admin-" + System.nanoTime();   // a token of its own for each browser
        return hub.client().postJson("/tokens", "{\"name\": \"" + name + "\", \"role\": \"admin\"}").body()
                .get("token").asText();
    }

    private String page(String fragment) {
        return "http://127.0.0.1:" + hub.httpPort() + "/ui/" + fragment;
    }

    /** How many things the page lists: the number before the word. */
    private int count() {
        List<WebElement> count = browser.findElements(By.id("count"));
        if (count.isEmpty() || count.get(0).getText().isBlank()) {
            return -1;
        }
        return Integer.parseInt(count.get(0).getText().split(" ")[0]);
    }

    /** Clicks what the selector finds; a button the live page redrew just then is found and clicked again. */
    private void click(By selector) {
        until(() -> {
            browser.findElement(selector).click();
            return true;
        });
    }

    /** A channel's value as the page shows it; the page redraws live, so a cell read as it is replaced is read again. */
    private String value(String channel) {
        String[] value = new String[1];
        until(() -> {
            List<WebElement> cells = browser.findElements(By.cssSelector("tr[data-channel='" + channel
                    + "'] td.value"));
            value[0] = cells.isEmpty() ? "" : cells.get(0).getText().split(" ")[0];
            return true;
        });
        return value[0];
    }

    /** Presses Tab, as a person without a mouse does, until the focus is on what the selector finds. */
    private void tabUntil(By selector) {
        List<WebElement> targets = browser.findElements(selector);
        for (int presses = 0; presses < 40; presses++) {
            WebElement focused = browser.switchTo().activeElement();
            if (targets.contains(focused)) {
                return;
            }
            focused.sendKeys(Keys.TAB);
        }
        throw new AssertionError("40 presses of Tab never reached " + selector);
    }

    private void until(BooleanSupplier condition) {
        new WebDriverWait(browser, WAIT).ignoring(RuntimeException.class).until(driver -> condition.getAsBoolean());
    }

    /** axe-core's rules, run in the page as it is now: no violation of critical impact. */
    private void assertNoCriticalAccessibilityViolation(String what) throws IOException {
        try (var axe = WebConsoleBrowserIT.class.getClassLoader().getResourceAsStream(
                "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
            browser.executeScript(new String(axe.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        Object critical = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " axe.run().then(r => done(r.violations.filter(v => v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.nodes.map(n => n.target).join(', '))));");
        assertThat((List<?>) critical).as("critical accessibility violations on " + what).isEmpty();
    }

    private void shoot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
