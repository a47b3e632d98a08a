package org.cityhub.console.internal.command;

import java.util.Comparator;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.api.thing.ThingStatusInfo;

/** Lists the things as a table. */
@Command(scope = "cityhub", name = "things", description = "Lists every thing with its department and status")
@Service
public class ThingsCommand implements Action {

    @Option(name = "--department", aliases = "-d", description = "Only things of this department")
    String department;

    @Reference
    private ThingRegistry things;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("UID");
        table.column("Label");
        table.column("Department");
        table.column("Status");
        things.getAll().stream()
                .filter(thing -> department == null || department.equals(thing.department()))
                .sorted(Comparator.comparing(thing -> thing.uid().toString()))
                .forEach(thing -> table.addRow().addContent(thing.uid(), thing.label(),
                        thing.department() == null ? "" : thing.department(), status(thing)));
        table.print(System.out);
        return null;
    }

    private String status(Thing thing) {
        ThingStatusInfo status = things.getStatus(thing.uid());
        return status.detail() == ThingStatusDetail.NONE ? status.status().name()
                : status.status() + " / " + status.detail();
    }
}
