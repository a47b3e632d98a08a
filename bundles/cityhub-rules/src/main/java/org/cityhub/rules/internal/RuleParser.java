package org.cityhub.rules.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.cityhub.api.config.DurationText;
import org.cityhub.api.event.TopicFilter;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads a rule's JSON document ({@code docs/rules.md}) strictly: every field is known, every value of its type,
 * and a problem names its JSON pointer. What needs the hub (do the channels exist, may the department use them)
 * is checked later, by {@link RuleCheck}.
 */
final class RuleParser {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    static final Pattern NAME = Pattern.compile("[a-z0-9-]+");
    static final int DEFAULT_MAX_FIRINGS_PER_MINUTE = 30;
    private static final Duration SHORTEST_PERIOD = Duration.ofSeconds(1);
    private static final Duration LONGEST_WEBHOOK = Duration.ofSeconds(30);

    private RuleParser() {
    }

    /**
     * @param id the rule's id: its file's name, or the REST path's
     * @throws RuleProblem naming where the document is wrong
     */
    static Rule parse(String id, String text) {
        if (!ID.matcher(id).matches()) {
            throw new RuleProblem("", "rule id '" + id + "' is not valid: use 1 to 64 lower-case letters, digits, '.',"
                    + " '_' or '-', starting with a letter or digit");
        }
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new RuleProblem("", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RuleProblem("", "a rule is a JSON object {\"label\", \"department\", \"triggers\", \"conditions\"?,"
                    + " \"actions\"}");
        }
        RuleFields rule = new RuleFields(root, "", Set.of("id", "label", "department", "enabled", "triggers", "conditions",
                "actions", "maxFiringsPerMinute"));
        String named = rule.optionalText("id");
        if (named != null && !named.equals(id)) {
            throw new RuleProblem("/id", "the rule's id is '" + id + "' (its file's name or its URL); the document says"
                    + " '" + named + "'");
        }
        String department = rule.name("department");
        int maxFirings = rule.optionalInt("maxFiringsPerMinute", DEFAULT_MAX_FIRINGS_PER_MINUTE, 1, 6_000);
        return new Rule(id, department, rule.text("label"), rule.optionalBoolean("enabled", true),
                rule.list("triggers", true, RuleParser::trigger), rule.list("conditions", false, RuleParser::condition),
                rule.list("actions", true, RuleParser::action), maxFirings, Json.toPrettyText(root));
    }

    private static Trigger trigger(RuleFields fields) {
        String type = fields.text("type");
        String at = fields.pointer();
        return switch (type) {
            case "changed" -> fields.only("type", "channel", "to")
                    .then(new Trigger.Changed(at, fields.channel("channel"), fields.optional("to")));
            case "threshold" -> threshold(fields.only("type", "channel", "above", "below", "hysteresis", "for"));
            case "status" -> fields.only("type", "thing", "to").then(new Trigger.Status(at, fields.thing("thing"),
                    fields.optionalText("to") == null ? null : fields.parsed("to", RuleParser::status)));
            case "trigger" -> fields.only("type", "channel", "event")
                    .then(new Trigger.ChannelEvent(at, fields.channel("channel"), fields.optionalText("event")));
            case "schedule" -> schedule(fields.only("type", "cron", "every"));
            case "time" -> fields.only("type", "at").then(new Trigger.TimeOfDay(at, fields.parsed("at", RuleParser::time)));
            case "event" -> fields.only("type", "topic")
                    .then(new Trigger.CityEvent(at, fields.parsed("topic", RuleParser::cityTopic)));
            default -> throw new RuleProblem(at + "/type", "'" + type + "' is not a trigger type: use changed, threshold,"
                    + " status, trigger, schedule, time or event");
        };
    }

    private static Trigger threshold(RuleFields fields) {
        BigDecimal above = fields.optionalNumber("above");
        BigDecimal below = fields.optionalNumber("below");
        if ((above == null) == (below == null)) {
            throw new RuleProblem(fields.pointer(), "a threshold has either \"above\" or \"below\"");
        }
        BigDecimal hysteresis = fields.optionalNumber("hysteresis");
        if (hysteresis != null && hysteresis.signum() < 0) {
            throw new RuleProblem(fields.pointer() + "/hysteresis", "must not be negative");
        }
        Duration holdFor = fields.optionalText("for") == null ? Duration.ZERO
                : fields.parsed("for", DurationText::parse);
        return new Trigger.Threshold(fields.pointer(), fields.channel("channel"), above != null,
                above != null ? above : below, hysteresis == null ? BigDecimal.ZERO : hysteresis, holdFor);
    }

    private static Trigger schedule(RuleFields fields) {
        String cron = fields.optionalText("cron");
        String every = fields.optionalText("every");
        if ((cron == null) == (every == null)) {
            throw new RuleProblem(fields.pointer(), "a schedule has either \"cron\" (\"0 7 * * MON-FRI\") or \"every\""
                    + " (\"5m\")");
        }
        if (cron != null) {
            return new Trigger.Schedule(fields.pointer(), fields.parsed("cron", Cron::parse), null);
        }
        Duration period = fields.parsed("every", DurationText::parse);
        if (period.compareTo(SHORTEST_PERIOD) < 0) {
            throw new RuleProblem(fields.pointer() + "/every", "a schedule runs at most every second");
        }
        return new Trigger.Schedule(fields.pointer(), null, period);
    }

    private static Condition condition(RuleFields fields) {
        String type = fields.text("type");
        String at = fields.pointer();
        return switch (type) {
            case "state" -> fields.only("type", "channel", "operator", "value").then(new Condition.StateIs(at,
                    fields.channel("channel"), fields.parsed("operator", Comparison::parse), fields.required("value")));
            case "time" -> fields.only("type", "after", "before").then(new Condition.TimeWindow(at,
                    fields.parsed("after", RuleParser::time), fields.parsed("before", RuleParser::time)));
            case "days" -> days(fields.only("type", "days"));
            default -> throw new RuleProblem(at + "/type", "'" + type + "' is not a condition type: use state, time or"
                    + " days");
        };
    }

    private static Condition days(RuleFields fields) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        fields.texts("days").forEach(day -> days.add(fields.parsed("days", day, RuleParser::day)));
        if (days.isEmpty()) {
            throw new RuleProblem(fields.pointer() + "/days", "name at least one day: MON, TUE, WED, THU, FRI, SAT, SUN");
        }
        return new Condition.Days(fields.pointer(), days);
    }

    private static Action action(RuleFields fields) {
        String type = fields.text("type");
        String at = fields.pointer();
        return switch (type) {
            case "command" -> fields.only("type", "channel", "command")
                    .then(new Action.SendCommand(at, fields.channel("channel"), fields.required("command")));
            case "event" -> publish(fields.only("type", "name", "to", "message", "data"));
            case "webhook" -> webhook(fields.only("type", "url", "method", "body", "timeout"));
            case "enable" -> fields.only("type", "thing", "enabled").then(new Action.EnableThing(at,
                    fields.thing("thing"), fields.requiredBoolean("enabled")));
            default -> throw new RuleProblem(at + "/type", "'" + type + "' is not an action type: use command, event,"
                    + " webhook or enable");
        };
    }

    private static Action publish(RuleFields fields) {
        String name = fields.name("name");
        List<String> to = fields.optional("to") == null ? List.of() : fields.texts("to");
        for (String department : to) {
            if (!NAME.matcher(department).matches()) {
                throw new RuleProblem(fields.pointer() + "/to", "'" + department + "' is not a department");
            }
        }
        String message = fields.optionalText("message");
        return new Action.PublishEvent(fields.pointer(), to, name, message == null ? "" : message,
                fields.optional("data"));
    }

    private static Action webhook(RuleFields fields) {
        URI url = fields.parsed("url", RuleParser::url);
        String method = fields.optionalText("method");
        method = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
        if (!Set.of("GET", "POST", "PUT").contains(method)) {
            throw new RuleProblem(fields.pointer() + "/method", "a webhook is called with GET, POST or PUT");
        }
        Duration timeout = fields.optionalText("timeout") == null ? Duration.ofSeconds(5)
                : fields.parsed("timeout", DurationText::parse);
        if (timeout.compareTo(LONGEST_WEBHOOK) > 0) {
            throw new RuleProblem(fields.pointer() + "/timeout", "a webhook waits at most " + LONGEST_WEBHOOK.toSeconds()
                    + " s");
        }
        return new Action.Webhook(fields.pointer(), url, method, fields.optional("body"), timeout);
    }

    private static URI url(String text) {
        try {
            URI url = new URI(text);
            if (!Set.of("http", "https").contains(String.valueOf(url.getScheme())) || url.getHost() == null) {
                throw new IllegalArgumentException("a webhook's url is http:// or https:// with a host, was '" + text + "'");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + e.getMessage(), e);
        }
    }

    private static ThingStatus status(String text) {
        try {
            return ThingStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a status: use one of "
                    + List.of(ThingStatus.values()), e);
        }
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day such as 07:30", e);
        }
    }

    private static DayOfWeek day(String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().startsWith(text.toUpperCase(Locale.ROOT)) && text.length() >= 3) {
                return day;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a day: use MON, TUE, WED, THU, FRI, SAT or SUN");
    }

    private static TopicFilter cityTopic(String text) {
        if (!text.startsWith("cityhub/city/")) {
            throw new IllegalArgumentException("a rule follows city events, cityhub/city/{department}/{name}; '" + text
                    + "' is not one");
        }
        return TopicFilter.parse(text);
    }
}
