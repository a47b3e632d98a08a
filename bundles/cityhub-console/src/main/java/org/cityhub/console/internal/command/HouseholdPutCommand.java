package org.cityhub.console.internal.command;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.home.Household;
import org.cityhub.api.home.HouseholdDraft;
import org.cityhub.api.home.HouseholdException;
import org.cityhub.api.home.Households;

/** Creates a household, or changes its label, address or district. */
@Command(scope = "cityhub", name = "household-put", description = "Creates a household (a home), or changes its"
        + " label, address or district (options before the id), e.g. cityhub:household-put --label 3-301 --address"
        + " '翠苑一区 3幢 301' --district 西湖区 --office community flat-301")
@Service
public class HouseholdPutCommand extends AuditedAction {

    @Option(name = "--label", aliases = "-l", required = true, description = "A name for people, e.g. the flat")
    String label;

    @Option(name = "--address", aliases = "-a", required = true, description = "The flat's address")
    String address;

    @Option(name = "--district", required = true, description = "The city district it is in")
    String district;

    @Option(name = "--office", aliases = "-o", required = true, description = "The community office's department,"
            + " which keeps the household and issues its residents' tokens")
    @Completion(DepartmentCompleter.class)
    String office;

    @Argument(index = 0, name = "id", required = true, description = "The household's id, [a-z0-9-]+")
    String id;

    @Reference
    private Households households;

    @Override
    Object run() throws HouseholdException {
        Household household = households.put(new HouseholdDraft(id, label, address, district, office), actor());
        System.out.println("household " + household.id() + " (" + household.label() + ", " + household.district()
                + ") kept by " + household.office());
        return null;
    }

    @Override
    String auditTarget() {
        return "household:" + id;
    }

    @Override
    String auditDetail() {
        return "office=" + office + " district=" + district;
    }
}
