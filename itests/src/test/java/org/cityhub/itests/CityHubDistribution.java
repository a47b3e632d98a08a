package org.cityhub.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.streamBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.tinybundles.InnerClassStrategy;
import org.ops4j.pax.tinybundles.TinyBundles;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.Constants;

/**
 * Boots the CityHub distribution the build just made, as users get it, on free ports so that tests never
 * collide with a hub running on the default ones. Runs in the driver JVM, before Karaf starts.
 */
final class CityHubDistribution {

    static final String HTTP_PORT_PROPERTY = "cityhub.test.http.port";

    private CityHubDistribution() {
    }

    static Option[] options(Option... extra) {
        File distribution = new File(System.getProperty("cityhub.distribution"));
        String http = freePort();
        Option[] base = {
            karafDistributionConfiguration().frameworkUrl(distribution.toURI().toString()).name("CityHub")
                    .karafVersion(System.getProperty("karaf.version")).unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole(),
            logLevel(LogLevel.WARN),
            editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                    System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository")),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", http),
            // tests send requests as fast as they can; SecurityIT lowers the rate where it tests the limit
            editConfigurationFilePut("etc/org.cityhub.rest.cfg", "requestsPerSecond", "100000"),
            editConfigurationFilePut("etc/org.cityhub.rest.cfg", "burstRequests", "100000"),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
            editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
            systemProperty(HTTP_PORT_PROPERTY).value(http),
            systemProperty("pax.exam.osgi.unresolved.fail").value("true"),
            mavenBundle(maven("org.hamcrest", "hamcrest", "2.2")),
            mavenBundle(maven("org.awaitility", "awaitility", "4.2.2")),
            mavenBundle(maven("net.bytebuddy", "byte-buddy", "1.15.11")),
            mavenBundle(maven("org.assertj", "assertj-core", "3.27.3")),
        };
        Option[] all = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    /**
     * A test binding as its own bundle, as a vendor would ship it: the activator registers the factory, and the
     * thing types come from {@code /<id>/<id>.json} of the test resources.
     */
    static Option testBinding(String id, Class<? extends BundleActivator> activator, Class<?> factory) {
        return streamBundle(TinyBundles.bundle()
                .symbolicName("org.cityhub.itests." + id)
                .setHeader(Constants.BUNDLE_MANIFESTVERSION, "2")
                .setHeader(Constants.IMPORT_PACKAGE, "org.cityhub.api.binding,org.cityhub.api.thing,"
                        + "org.cityhub.api.types,org.osgi.framework")
                .activator(activator)
                .addClass(activator)
                .addClass(factory, InnerClassStrategy.ALL)
                .addResource("CITYHUB-INF/thing-types/" + id + ".json",
                        CityHubDistribution.class.getResource("/" + id + "/" + id + ".json"))
                .build(TinyBundles.rawBuilder()));
    }

    /** The HTTP port the hub under test listens on; read inside the container. */
    static int httpPort() {
        return Integer.parseInt(System.getProperty(HTTP_PORT_PROPERTY));
    }

    /** A port nothing listens on now. */
    static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
