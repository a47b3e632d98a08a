package org.cityhub.rules.internal;

import java.time.ZonedDateTime;

import org.cityhub.api.rules.RuleInfo;
import org.cityhub.api.rules.RuleStatus;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a rule would do now, without doing it: {@code {"rule", "status", "message", "conditions": [{"condition",
 * "holds", "because"}], "wouldFire", "actions": [{"action", "would"}]}}.
 */
final class DryRun {

    private DryRun() {
    }

    static String of(RuleRuntime rule, ThingRegistry things, ZonedDateTime now) {
        RuleInfo info = rule.info();
        ObjectNode answer = Json.object().put("rule", rule.id()).put("status", info.status().name())
                .put("message", info.message());
        RuleCheck.Checked checked = rule.checked();
        if (checked == null) {
            return Json.toText(answer.put("wouldFire", false));
        }
        ArrayNode conditions = answer.putArray("conditions");
        boolean all = true;
        for (Condition condition : checked.rule().conditions()) {
            ConditionCheck.Verdict verdict = ConditionCheck.evaluate(checked, condition, things, now);
            conditions.addObject().put("condition", condition.pointer()).put("holds", verdict.holds())
                    .put("because", verdict.because());
            all &= verdict.holds();
        }
        answer.put("wouldFire", all && info.status() != RuleStatus.DISABLED);
        ArrayNode actions = answer.putArray("actions");
        checked.rule().actions().forEach(action -> actions.addObject().put("action", action.pointer())
                .put("would", ActionPerformer.describe(checked, action)));
        return Json.toText(answer);
    }
}
