package org.cityhub.console.internal.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.rules.RuleException;
import org.cityhub.api.rules.RuleInfo;
import org.cityhub.api.rules.Rules;

/** Makes or replaces a managed rule from a JSON document. */
@Command(scope = "cityhub", name = "rule-define", description = "Makes or replaces a managed rule from a JSON file"
        + " (docs/rules.md), in force at once, e.g. cityhub:rule-define evening-lights /tmp/evening-lights.json")
@Service
public class RuleDefineCommand extends AuditedAction {

    @Argument(index = 0, name = "id", required = true, description = "The rule's id")
    String id;

    @Argument(index = 1, name = "file", required = true, description = "The rule's JSON document")
    String file;

    @Reference
    private Rules rules;

    @Override
    Object run() throws RuleException, IOException {
        RuleInfo rule = rules.define(id, Files.readString(Path.of(file), StandardCharsets.UTF_8), actor());
        System.out.println("rule " + id + " defined: " + rule.status());
        return null;
    }

    @Override
    String auditTarget() {
        return "rule:" + id;
    }

    @Override
    String auditDetail() {
        return "from " + file;
    }
}
