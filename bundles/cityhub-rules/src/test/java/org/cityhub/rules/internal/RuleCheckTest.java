package org.cityhub.rules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.cityhub.api.sharing.Audience;
import org.cityhub.api.types.NumberValue;
import org.cityhub.api.types.OnOff;
import org.junit.jupiter.api.Test;

class RuleCheckTest {

    private final TestCity city = new TestCity();
    private static final Audience EMERGENCY = TestCity.audience("emergency",
            Set.of("sim:gauge:river:level", "sim:gauge:river:alarm", "sim:lamp:embankment:brightness"),
            Set.of("sim:lamp:embankment:brightness"));

    private static String rule(String triggers, String conditions, String actions) {
        return "{\"label\": \"x\", \"department\": \"emergency\", \"triggers\": [" + triggers + "], \"conditions\": ["
                + conditions + "], \"actions\": [" + actions + "]}";
    }

    private static final String LEVEL_ABOVE = "{\"type\": \"threshold\", \"channel\": \"sim:gauge:river:level\","
            + " \"above\": 4.5}";
    private static final String LIGHT_UP = "{\"type\": \"command\", \"channel\": \"sim:lamp:embankment:brightness\","
            + " \"command\": 100}";

    private RuleCheck.Checked check(String text) {
        return RuleCheck.check(RuleParser.parse("r", text), city.things, EMERGENCY);
    }

    private void assertRefused(String text, String pointer, String message) {
        assertThatThrownBy(() -> check(text)).isInstanceOf(RuleProblem.class).hasMessageContaining(message)
                .satisfies(problem -> assertThat(((RuleProblem) problem).pointer()).isEqualTo(pointer));
    }

    @Test
    void aRuleOnGrantedChannelsPassesWithItsValuesReadByTheChannelsTypes() {
        RuleCheck.Checked checked = check(rule(LEVEL_ABOVE, "{\"type\": \"state\", \"channel\":"
                + " \"sim:gauge:river:alarm\", \"operator\": \"==\", \"value\": \"ON\"}", LIGHT_UP));

        assertThat(checked.states().get("/conditions/0")).isEqualTo(OnOff.ON);
        assertThat(checked.commands().get("/actions/0")).isInstanceOf(NumberValue.class);
    }

    @Test
    void whatTheRuleMayNotUseIsRefusedWithTheReason() {
        assertRefused(rule("{\"type\": \"changed\", \"channel\": \"sim:gauge:river:flow\"}", "", LIGHT_UP),
                "/triggers/0/channel", "no grant in force shares channel sim:gauge:river:flow");
        assertThatThrownBy(() -> RuleCheck.check(RuleParser.parse("r", rule("{\"type\": \"changed\", \"channel\":"
                + " \"sim:gauge:river:flow\"}", "", "{\"type\": \"event\", \"name\": \"x\"}")), city.things,
                TestCity.audience("water", Set.of(), Set.of()))).hasMessageContaining("has no channel 'flow'");
        assertRefused(rule(LEVEL_ABOVE, "{\"type\": \"state\", \"channel\": \"sim:gauge:river:level\", \"operator\":"
                + " \">\", \"value\": \"ON\"}", LIGHT_UP), "/conditions/0/value", "the channel holds number states");
        assertRefused(rule(LEVEL_ABOVE, "{\"type\": \"state\", \"channel\": \"sim:gauge:river:alarm\", \"operator\":"
                + " \">\", \"value\": \"ON\"}", LIGHT_UP), "/conditions/0/operator", "orders numbers");
        assertRefused(rule("{\"type\": \"threshold\", \"channel\": \"sim:gauge:river:alarm\", \"above\": 1}", "",
                LIGHT_UP), "/triggers/0/channel", "needs a number channel");
        assertRefused(rule(LEVEL_ABOVE, "", "{\"type\": \"command\", \"channel\": \"sim:lamp:embankment:power\","
                + " \"command\": \"ON\"}"), "/actions/0/channel", "no grant in force shares channel");
        assertRefused(rule("{\"type\": \"trigger\", \"channel\": \"sim:button:sos:button\"}", "", LIGHT_UP),
                "/triggers/0/channel", "sees no thing sim:button:sos (it does not exist, or no grant");
        assertRefused(rule("{\"type\": \"changed\", \"channel\": \"sim:gauge:nowhere:level\"}", "", LIGHT_UP),
                "/triggers/0/channel", "sees no thing sim:gauge:nowhere (it does not exist, or no grant");
        assertRefused(rule(LEVEL_ABOVE, "", "{\"type\": \"command\", \"channel\": \"sim:lamp:embankment:brightness\","
                + " \"command\": \"LOUDER\"}"), "/actions/0/command", "takes number");
        assertRefused(rule("{\"type\": \"event\", \"topic\": \"cityhub/city/water/#\"}", "", LIGHT_UP),
                "/triggers/0/topic", "follows the city events addressed to it");
        assertRefused(rule(LEVEL_ABOVE, "", "{\"type\": \"enable\", \"thing\": \"sim:gauge:river\", \"enabled\":"
                + " false}"), "/actions/0/thing", "only department 'water' enables or disables");
    }

    @Test
    void aCommandNeedsTheCommandRightNotJustRead() {
        Audience readOnly = TestCity.audience("emergency", Set.of("sim:gauge:river:level",
                "sim:lamp:embankment:brightness"), Set.of());
        assertThatThrownBy(() -> RuleCheck.check(RuleParser.parse("r", rule(LEVEL_ABOVE, "", LIGHT_UP)), city.things,
                readOnly)).hasMessageContaining("may read sim:lamp:embankment:brightness but not command it");
    }
}
