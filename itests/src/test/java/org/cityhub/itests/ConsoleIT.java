package org.cityhub.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.security.Role;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingUID;
import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/** The cityhub: scope as an admin meets it: every command listed and helped, bad input answered precisely. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleIT extends HubTestSupport {

    private static final List<String> COMMANDS = List.of("things", "thing", "thing-add", "thing-update",
            "thing-remove", "thing-enable", "thing-disable", "send", "events", "stats", "status", "bindings",
            "binding-install", "binding-update", "binding-uninstall", "inbox", "inbox-approve", "inbox-ignore",
            "inbox-remove", "backup", "restore", "states", "tokens", "token-create", "token-revoke", "audit",
            "simulate");

    @Inject
    private SessionFactory sessions;

    @Inject
    private ThingRegistry things;

    @Configuration
    public Option[] configuration() {
        return CityHubDistribution.options();
    }

    @Test
    public void everyCommandIsListedAndHasHelpForEachArgumentAndOption() throws Exception {
        String scope = execute("help cityhub");
        for (String command : COMMANDS) {
            assertThat(scope).as("help cityhub").contains("cityhub:" + command);
            String help = execute("cityhub:" + command + " --help");
            assertThat(help).as(command).contains("DESCRIPTION").doesNotContain("Error");
        }
        assertThat(execute("cityhub:thing-add --help")).contains("--department").contains("The owning department")
                .contains("--config").contains("read by the parameter's type");
    }

    @Test
    public void listingCommandsPrintJsonForScripts() throws Exception {
        await("demo city online").atMost(PATIENCE).until(() -> HubClient.parse(execute("cityhub:status --json"))
                .at("/things/ONLINE").asInt() == 15);
        assertThat(HubClient.parse(execute("cityhub:things --json"))).hasSize(15);
        assertThat(HubClient.parse(execute("cityhub:thing --json simulator:traffic:harbour-gate")).get("source").asText())
                .isEqualTo("demo-city.json");
        assertThat(HubClient.parse(execute("cityhub:bindings --json"))).extracting(binding -> binding.get("id").asText())
                .containsExactly("coap", "http", "mqtt", "simulator");
        assertThat(HubClient.parse(execute("cityhub:inbox --json")).isArray()).isTrue();
        assertThat(HubClient.parse(execute("cityhub:stats --json")).size()).isPositive();
        assertThat(HubClient.parse(execute("cityhub:states --json simulator:streetlight:harbour-1"))
                .at("/simulator:streetlight:harbour-1/power/type").asText()).isEqualTo("onoff");
        assertThat(execute("cityhub:states -d water")).contains("simulator:waterlevel:river-east").contains("level");
        assertThat(execute("config:list \"(service.pid=org.cityhub.eventbus)\"")).contains("queueCapacity");
    }

    @Test
    public void badArgumentsAreAnsweredWithWhatWasWrong() throws Exception {
        assertThat(execute("cityhub:thing not-a-uid")).contains("invalid thing UID 'not-a-uid'");
        assertThat(execute("cityhub:thing simulator:streetlight:nowhere")).contains("no thing simulator:streetlight:nowhere")
                .contains("cityhub:things lists them");
        assertThat(execute("cityhub:send simulator:streetlight:harbour-1:power DIM"))
                .contains("expected ON, OFF or REFRESH");
        assertThat(execute("cityhub:send simulator:airquality:westlake-01:pm25 3")).contains("read-only");
        assertThat(execute("cityhub:things --status SLEEPING")).contains("is not one of");
        assertThat(execute("cityhub:things --bbox 1,2")).contains("must be four numbers");
        assertThat(execute("cityhub:binding-update nowhere")).contains("no binding nowhere");
        assertThat(execute("cityhub:inbox-approve simulator:traffic:none")).contains("no inbox entry");
        assertThat(execute("cityhub:restore /no/such/file.json")).contains("cannot read");
        assertThat(execute("cityhub:events --count 1 a/#/b")).contains("'#' may only be the last segment");
        // hostile input (issue 17): a number a gigabyte long written out, NaN, a control character, a huge text
        for (String value : List.of("1e999999999", "NaN", "'40\u0000'", "x".repeat(100_000))) {
            assertThat(execute("cityhub:send simulator:streetlight:harbour-1:brightness " + value)).as(value)
                    .doesNotContain("sent ");
        }
        assertThat(execute("cityhub:status")).contains("Ready        yes");
    }

    /** Issue 17, item 11: Karaf's command ACLs keep admin-only commands (minting tokens above all) from others. */
    @Test
    public void onlyAdminsMintTokensOrRunAdminCommands() throws Exception {
        int before = tokens.list().size();
        for (List<String> roles : List.of(List.of("viewer"), List.of("viewer", "manager"))) {
            String attempt = ConsoleSession.executeWithRoles(sessions, "duty-officer", roles,
                    "cityhub:token-create --role admin --department '*' minted-by-" + roles.size());
            assertThat(attempt).as(roles.toString()).doesNotContain("chub_").contains("Error");
            assertThat(ConsoleSession.executeWithRoles(sessions, "duty-officer", roles, "cityhub:audit"))
                    .contains("Error");
            assertThat(ConsoleSession.executeWithRoles(sessions, "duty-officer", roles, "cityhub:things"))
                    .contains("simulator:streetlight:market-square");
        }
        assertThat(tokens.list()).hasSize(before);
        assertThat(ConsoleSession.executeWithRoles(sessions, "duty-officer", List.of("viewer"),
                "cityhub:thing-disable simulator:streetlight:market-square")).contains("Error");
        assertThat(hub.get("/things/simulator:streetlight:market-square").body().at("/status/detail").asText())
                .isNotEqualTo("DISABLED");
    }

    /** Issue 24, item 6: a city in one step, loaded like any thing file, and gone again in one. */
    @Test
    public void anAdminMakesASimulatedCityInOneStepAndRemovesIt() throws Exception {
        assertThat(ConsoleSession.executeWithRoles(sessions, "duty-officer", List.of("viewer", "manager"),
                "cityhub:simulate --things 10")).contains("Error");
        assertThat(execute("cityhub:simulate --things 0")).contains("--things must be 1 to 1000000, not 0");
        assertThat(execute("cityhub:simulate --around somewhere")).contains("--around must be latitude,longitude");

        assertThat(execute("cityhub:simulate --things 2000 --departments 6 --around 30.27,120.15"))
                .contains("wrote 2000 simulator things of departments public-lighting, transport, environment, water,"
                        + " department-05, department-06");
        ThingUID lastSensor = ThingUID.parse("simulator:parking:sim-1999");
        await("the simulated city online").atMost(PATIENCE).until(() -> things.getStatus(lastSensor).status()
                == ThingStatus.ONLINE);
        assertThat(things.getAll().stream().filter(thing -> thing.tags().contains("simulated"))).hasSize(2_000);
        HubClient transport = hub.as(token(Role.VIEWER, DepartmentScope.parse("department-06")));
        assertThat(transport.get("/things?limit=1000").body()).allSatisfy(thing ->
                assertThat(thing.get("department").asText()).isEqualTo("department-06")).hasSize(300);

        assertThat(execute("cityhub:simulate --remove")).contains("removed");
        await("the simulated city gone").atMost(PATIENCE).until(() -> things.get(lastSensor).isEmpty());
    }

    @Test
    public void tokensAreMintedListedAndRevokedFromTheConsole() throws Exception {
        String created = execute("cityhub:token-create --role operator --department transport,water --expires 30d"
                + " console-made");
        String secret = created.strip().lines().reduce((first, second) -> second).orElseThrow().strip();
        assertThat(secret).startsWith("chub_");
        assertThat(hub.as(secret).get("/things").body()).allSatisfy(thing ->
                assertThat(thing.get("department").asText()).isIn("transport", "water"));

        assertThat(execute("cityhub:tokens")).contains("console-made").contains("operator").contains("transport,water")
                .doesNotContain(secret);
        assertThat(HubClient.parse(execute("cityhub:tokens --json"))).anySatisfy(token ->
                assertThat(token.get("name").asText()).isEqualTo("console-made"));
        assertThat(execute("cityhub:token-create --role viewer nameless-scope")).contains("needs --department");
        assertThat(execute("cityhub:token-create --role mayor -d x y")).contains("unknown role 'mayor'");
        assertThat(execute("cityhub:token-create --role viewer -d '*' --expires soon z")).contains("is not a duration");

        assertThat(execute("cityhub:token-revoke console-made")).contains("revoked token console-made");
        assertThat(hub.as(secret).get("/things").status()).isEqualTo(401);
        assertThat(execute("cityhub:token-revoke console-made")).contains("no token named 'console-made'");

        JsonNode audit = HubClient.parse(execute("cityhub:audit --json --target console-made"));
        assertThat(audit).extracting(e -> e.get("action").asText() + " " + e.get("outcome").asText().split(":")[0])
                .containsSubsequence("cityhub:token-create ok", "cityhub:token-revoke ok", "cityhub:token-revoke failed");
        assertThat(execute("cityhub:audit --since 1h --action token-revoke")).contains("console-made");
        assertThat(execute("cityhub:audit --since yesterday")).contains("is not a duration");
    }

    private String execute(String command) throws Exception {
        return ConsoleSession.execute(sessions, command);
    }

    /** README: the console's SSH server listens on 127.0.0.1 only, never on the machine's other addresses. */
    @Test
    public void theSshServerAnswersOnLoopbackOnly() throws Exception {
        Properties shell = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(System.getProperty("karaf.etc"), "org.apache.karaf.shell.cfg"))) {
            shell.load(in);
        }
        int port = Integer.parseInt(shell.getProperty("sshPort").trim());
        assertThat(shell.getProperty("sshHost").trim()).isEqualTo("127.0.0.1");
        await("ssh listening").atMost(PATIENCE).until(() -> accepts(InetAddress.getLoopbackAddress(), port));

        List<InetAddress> others = NetworkInterface.networkInterfaces().filter(ConsoleIT::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()).toList();
        Assume.assumeFalse("this machine has no address besides loopback to try", others.isEmpty());
        for (InetAddress address : others) {
            assertThat(accepts(address, port)).as("ssh on " + address.getHostAddress()).isFalse();
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
