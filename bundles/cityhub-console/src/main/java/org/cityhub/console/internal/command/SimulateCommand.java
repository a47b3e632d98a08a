package org.cityhub.console.internal.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Writes a simulated city of simulator things into the thing files' folder, or removes it. */
@Command(scope = "cityhub", name = "simulate", description = "Makes a simulated city: writes N simulator things of"
        + " mixed types, departments and districts to etc/things/" + SimulatedCity.FILE_NAME + ", which the hub"
        + " loads like any thing file, e.g. cityhub:simulate --things 100000 --departments 12; --remove takes it away")
@Service
public class SimulateCommand extends AuditedAction {

    @Option(name = "--things", aliases = "-n", description = "How many things (default 1000)")
    int things = 1_000;

    @Option(name = "--departments", aliases = "-d", description = "How many departments own them (default 4)")
    int departments = 4;

    @Option(name = "--interval", description = "Seconds between each thing's reports (default 60)")
    int intervalSeconds = 60;

    @Option(name = "--around", description = "The city centre as latitude,longitude (default 30.25,120.17, Hangzhou)")
    String around = "30.25,120.17";

    @Option(name = "--radius", description = "Kilometres from the centre the things stand within (default 10)")
    double radiusKm = 10;

    @Option(name = "--seed", description = "Draws the same city for the same seed (default 1)")
    long seed = 1;

    @Option(name = "--remove", description = "Removes the simulated city instead; its things go")
    boolean remove;

    @Reference
    private ConfigurationAdmin configurations;

    @Override
    Object run() throws Exception {
        Path file = file();
        if (remove) {
            System.out.println(Files.deleteIfExists(file) ? "removed " + file + "; its things go within seconds"
                    : "there is no simulated city (" + file + ")");
            return null;
        }
        String[] centre = around.split(",", -1);
        if (centre.length != 2) {
            throw new IllegalArgumentException("--around must be latitude,longitude, e.g. 30.27,120.15");
        }
        SimulatedCity city = new SimulatedCity(things, departments, intervalSeconds, number(centre[0]),
                number(centre[1]), radiusKm, seed);
        Files.createDirectories(file.getParent());
        city.writeTo(file);
        System.out.println("wrote " + things + " simulator things of departments " + String.join(", ",
                city.departmentIds()) + " to " + file + "; the hub loads them within seconds (cityhub:status shows"
                + " how far it has come)");
        return null;
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--around must be latitude,longitude in degrees, not '" + text + "'");
        }
    }

    /** The simulated city's file in the folder the hub reads thing files from. */
    private Path file() throws IOException, InvalidSyntaxException {
        Configuration[] found = configurations.listConfigurations("(service.pid=org.cityhub.things.files)");
        Object configured = found == null || found[0].getProperties() == null ? null
                : found[0].getProperties().get("thingsDirectory");
        Path folder = configured == null || configured.toString().isBlank()
                ? Path.of(System.getProperty("karaf.etc", "etc"), "things") : Path.of(configured.toString());
        return folder.resolve(SimulatedCity.FILE_NAME);
    }

    @Override
    String auditTarget() {
        return SimulatedCity.FILE_NAME;
    }

    @Override
    String auditDetail() {
        return remove ? "remove" : "things=" + things + " departments=" + departments + " interval=" + intervalSeconds;
    }
}
