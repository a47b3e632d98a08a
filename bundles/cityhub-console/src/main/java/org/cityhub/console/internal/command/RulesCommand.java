package org.cityhub.console.internal.command;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.rules.RuleInfo;
import org.cityhub.api.rules.Rules;

/** Lists the rules and how they fare. */
@Command(scope = "cityhub", name = "rules", description = "Lists the rules with department, status, last firing,"
        + " counts and what is wrong")
@Service
public class RulesCommand implements Action {

    @Option(name = "--department", aliases = "-d", description = "Only rules of this department")
    @Completion(DepartmentCompleter.class)
    String department;

    @Reference
    private Rules rules;

    @Override
    public Object execute() {
        DisplayTable table = new DisplayTable();
        for (String column : List.of("Id", "Department", "Status", "Fired", "Last fired", "Failed", "Throttled",
                "Skipped", "Source", "Message")) {
            table.column(column);
        }
        for (RuleInfo rule : rules.list()) {
            if (department == null || department.equals(rule.department())) {
                table.addRow().addContent(rule.id(), rule.department(), rule.status(), rule.fired(),
                        rule.lastFired() == null ? "never" : rule.lastFired(), rule.failed(), rule.throttled(),
                        rule.skipped(), rule.source(), rule.message());
            }
        }
        table.print(System.out);
        return null;
    }
}
