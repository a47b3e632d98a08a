package org.cityhub.api.rules;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The hub's rule engine: rules from {@code etc/rules/} and those made through REST and the console. Rules are
 * evaluated from the bus without ever delaying it; a rule that fails, blocks or storms marks only itself. Every
 * firing is published as {@code cityhub/rules/{id}/fired}. A service of the rules bundle; whoever calls it has
 * already decided that the caller may see and change the rule's department.
 */
@ProviderType
public interface Rules {

    /** Every rule, by id. */
    List<RuleInfo> list();

    /** The rule with this id. */
    Optional<RuleInfo> get(String id);

    /**
     * Makes or replaces a managed rule, in force at once; a replaced rule's state (say, "above since") is kept
     * for the triggers it still has.
     *
     * @param id the rule's id
     * @param definition the rule's JSON document
     * @param actor who asks, for the audit trail
     * @return the rule as defined; its status says whether it runs
     * @throws RuleException if the document is invalid (naming the JSON pointer), or a file defines the rule
     */
    RuleInfo define(String id, String definition, String actor) throws RuleException;

    /**
     * Removes a managed rule.
     *
     * @throws RuleException if there is no such rule, or a file defines it
     */
    void remove(String id, String actor) throws RuleException;

    /**
     * Switches a rule on or off, kept across restarts.
     *
     * @throws RuleException if there is no such rule
     */
    RuleInfo setEnabled(String id, boolean enabled, String actor) throws RuleException;

    /**
     * What the rule would do now, without doing it: whether its conditions hold, each with why, and the actions it
     * would take, as a JSON document {@code {"rule", "status", "conditions": [{"condition", "holds", "because"}],
     * "wouldFire", "actions": [...]}}.
     *
     * @throws RuleException if there is no such rule
     */
    String dryRun(String id) throws RuleException;
}
