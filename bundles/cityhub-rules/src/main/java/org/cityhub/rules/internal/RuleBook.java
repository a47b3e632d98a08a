package org.cityhub.rules.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.cityhub.api.security.DepartmentScope;
import org.cityhub.api.sharing.Grants;
import org.cityhub.api.thing.ThingRegistry;
import org.eclipse.jdt.annotation.Nullable;

/**
 * The loaded rules and the index of their triggers. A rule is (re)installed whole: parsed, checked against the hub
 * and its department's grants, given the memory of the version it replaces, indexed, started; until the new one is
 * in place, the old one runs. Changes happen on the engine's control thread only; readers (the bus thread, REST)
 * see the map and a complete index at every moment.
 */
final class RuleBook {

    /** A rule's document and where it comes from. */
    record Source(String id, String text, String origin) {
        boolean managed() {
            return origin.equals("managed");
        }
    }

    private final ThingRegistry things;
    private final Grants grants;
    private final TriggerMatcher matcher;
    private final Function<String, String> fileName;
    private final Map<String, RuleRuntime> rules = new ConcurrentHashMap<>();
    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private volatile TriggerIndex index = TriggerIndex.EMPTY;

    /**
     * @param fileName the name problems give a rule file, by rule id
     */
    RuleBook(ThingRegistry things, Grants grants, TriggerMatcher matcher, Function<String, String> fileName) {
        this.things = things;
        this.grants = grants;
        this.matcher = matcher;
        this.fileName = fileName;
    }

    TriggerIndex index() {
        return index;
    }

    Collection<RuleRuntime> all() {
        return rules.values();
    }

    Optional<RuleRuntime> get(String id) {
        return Optional.ofNullable(rules.get(id));
    }

    Optional<Source> source(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /**
     * Reads and checks a document as a rule.
     *
     * @throws RuleProblem if it cannot be read at all
     */
    RuleRuntime read(Source source, boolean enabled) {
        Rule rule = RuleParser.parse(source.id(), source.text());
        try {
            return new RuleRuntime(RuleCheck.check(rule, things, grants.audience(DepartmentScope.parse(
                    rule.department()))), source.origin(), enabled && rule.enabled());
        } catch (RuleProblem problem) {
            return new RuleRuntime(rule, source.origin(), where(source, problem), enabled && rule.enabled());
        }
    }

    /** A problem as people read it: the file and line, or the JSON pointer. */
    String where(Source source, RuleProblem problem) {
        if (source.managed()) {
            return problem.describe();
        }
        return fileName.apply(source.id()) + " line " + JsonLines.lineOf(source.text(), problem.pointer()) + ": "
                + problem.describe();
    }

    /** Puts the rule in place of the one of its id, taking over that one's memory; indexes and starts it. */
    void install(Source source, RuleRuntime rule) {
        RuleRuntime previous = rules.get(source.id());
        if (previous != null) {
            rule.inherit(previous);
        }
        sources.put(source.id(), source);
        rules.put(source.id(), rule);
        reindex();
        if (previous != null) {
            previous.stop();
        }
        if (rule.live()) {
            matcher.start(rule);
        }
    }

    /**
     * Installs many rules at once (the start, a folder of new rule files), indexing once, each taking over the memory
     * of the rule it replaces.
     */
    void installAll(Map<Source, RuleRuntime> loaded) {
        List<RuleRuntime> replaced = new ArrayList<>();
        loaded.forEach((source, rule) -> {
            RuleRuntime previous = rules.get(source.id());
            if (previous != null) {
                rule.inherit(previous);
                replaced.add(previous);
            }
            sources.put(source.id(), source);
            rules.put(source.id(), rule);
        });
        reindex();
        replaced.forEach(RuleRuntime::stop);
        loaded.values().stream().filter(RuleRuntime::live).forEach(matcher::start);
    }

    void remove(String id) {
        removeAll(Set.of(id));
    }

    /** Removes rules, indexing once (a folder of rule files deleted at once). */
    void removeAll(Collection<String> ids) {
        List<RuleRuntime> removed = new ArrayList<>();
        for (String id : ids) {
            RuleRuntime rule = rules.remove(id);
            sources.remove(id);
            if (rule != null) {
                removed.add(rule);
            }
        }
        reindex();
        removed.forEach(RuleRuntime::stop);
    }

    /** Switches a rule on or off in place. */
    void setEnabled(RuleRuntime rule, boolean enabled) {
        rule.stop();
        rule.setEnabled(enabled);
        reindex();
        if (rule.live()) {
            matcher.start(rule);
        }
    }

    /**
     * Checks the rules again against the hub as it is now (a grant or a thing changed); a rule whose verdict
     * changed is reinstalled, keeping its memory.
     */
    void recheck(Collection<String> ids) {
        for (String id : ids) {
            Source source = sources.get(id);
            RuleRuntime current = rules.get(id);
            if (source == null || current == null) {
                continue;
            }
            RuleRuntime again = read(source, current.enabled());
            if (!Objects.equals(again.checked(), current.checked()) || !again.refusal().equals(current.refusal())) {
                install(source, again);
            }
        }
    }

    /** The ids of the rules of these departments. */
    Set<String> ofDepartment(@Nullable String department) {
        return rules.values().stream().filter(rule -> rule.rule().department().equals(department))
                .map(RuleRuntime::id).collect(Collectors.toSet());
    }

    /** The ids of the rules that name this thing. */
    Set<String> naming(String thingUID) {
        return index.rulesByThing().getOrDefault(thingUID, Set.of());
    }

    /** What the rules keep across restarts: which are switched off, and their thresholds' memory. */
    RuleStore.Memory memory() {
        Map<String, Map<String, RuleRuntime.ThresholdState>> thresholds = new HashMap<>();
        Set<String> disabled = new HashSet<>();
        for (RuleRuntime rule : rules.values()) {
            Map<String, RuleRuntime.ThresholdState> memory = rule.thresholds();
            if (!memory.isEmpty()) {
                thresholds.put(rule.id(), memory);
            }
            if (!rule.enabled() && rule.rule().enabled()) {
                disabled.add(rule.id());
            }
        }
        return new RuleStore.Memory(disabled, thresholds);
    }

    List<RuleRuntime> sorted() {
        return rules.values().stream().sorted(Comparator.comparing(RuleRuntime::id)).toList();
    }

    private void reindex() {
        index = TriggerIndex.of(rules.values());
    }
}
