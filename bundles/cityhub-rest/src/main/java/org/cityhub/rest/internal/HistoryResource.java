package org.cityhub.rest.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.persistence.Bucket;
import org.cityhub.api.persistence.ChannelHistory;
import org.cityhub.api.persistence.HistoricState;
import org.cityhub.api.persistence.HistoryPage;
import org.cityhub.api.persistence.HistoryStatus;
import org.cityhub.api.persistence.PersistenceException;
import org.cityhub.api.persistence.RecordingStrategy;
import org.cityhub.api.security.Role;
import org.cityhub.api.sharing.ReadWindow;
import org.cityhub.api.thing.ChannelDefinition;
import org.cityhub.api.thing.ChannelKind;
import org.cityhub.api.thing.ChannelUID;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingRegistry;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingUID;
import org.cityhub.api.types.ItemType;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /api/things/{uid}/channels/{channel}/history}, {@code /api/things/{uid}/history} and
 * {@code /api/history/*}: channels' past states from the hub's history, scoped by department like state reads.
 */
final class HistoryResource {

    private static final Set<ItemType> NUMERIC = Set.of(ItemType.NUMBER, ItemType.ONOFF, ItemType.OPENCLOSED);

    private final ThingRegistry things;
    private final Supplier<Optional<ChannelHistory>> history;
    private final Clock clock;

    HistoryResource(ThingRegistry things, Supplier<Optional<ChannelHistory>> history, Clock clock) {
        this.things = things;
        this.history = history;
        this.clock = clock;
    }

    List<Route> routes() {
        Access viewer = Access.department(Role.VIEWER).orResident();
        List<String> thingParameters = new ArrayList<>(List.of(HistoryQuery.PARAMETERS));
        thingParameters.add(0, "channels");
        return List.of(
                Route.of("GET", "/things/{uid}/channels/{channel}/history", viewer, "A channel's past states: raw"
                        + " points paged by cursor, or aggregated per interval; JSON, or CSV (Accept: text/csv)",
                        this::channel).query(HistoryQuery.PARAMETERS),
                Route.of("GET", "/things/{uid}/history", viewer, "Several channels' past states at once (all state"
                        + " channels unless 'channels' names some); JSON or CSV", this::thing)
                        .query(thingParameters.toArray(String[]::new)),
                Route.of("GET", "/history/status", Access.hub(Role.VIEWER), "How history recording fares: store,"
                        + " points waiting, written and dropped, oldest point, disk used", this::status),
                Route.of("GET", "/history/strategies", Access.hub(Role.VIEWER), "The recording strategies in force",
                        this::strategies),
                Route.of("PUT", "/history/strategies/{name}", Access.hub(Role.ADMIN), "Create or replace a recording"
                        + " strategy, applied at once and kept in etc/org.cityhub.history.cfg", this::defineStrategy)
                        .body("Strategy"),
                Route.of("DELETE", "/history/strategies/{name}", Access.hub(Role.ADMIN), "Remove a recording strategy",
                        this::removeStrategy));
    }

    /** One channel's answer: its points and, for a raw page that is not the last, where the next one starts. */
    private record Series(String channel, List<HistoricState> raw, List<Bucket> buckets, Instant next) {
    }

    private void channel(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ChannelHistory source = available();
        Thing thing = thing(request, parameters.get("uid"));
        HistoryQuery query = HistoryQuery.of(request, clock.instant(), source.maxPoints());
        Caller caller = Caller.of(request);
        ChannelUID channel = channel(caller, thing, parameters.get("channel"), query);
        Series series = read(source, channel, query, query.limit(), windows(caller, thing, channel));
        if (wantsCsv(request)) {
            writeCsv(response, List.of(series), false);
            return;
        }
        ObjectNode body = Json.object().put("thingUID", thing.uid().toString()).put("channel", channel.channelId());
        describeQuery(body, query);
        fill(body, series);
        JsonBodies.write(response, 200, body);
    }

    private void thing(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ChannelHistory source = available();
        Thing thing = thing(request, parameters.get("uid"));
        HistoryQuery query = HistoryQuery.of(request, clock.instant(), source.maxPoints());
        Caller caller = Caller.of(request);
        List<ChannelUID> channels = channels(caller, thing, request.getParameter("channels"), query);
        int perChannel = Math.max(1, query.limit() / channels.size());
        if (query.interval() != null) {
            long intervals = (long) channels.size() * Duration.between(query.from(), query.to())
                    .dividedBy(query.interval());
            if (intervals > source.maxPoints()) {
                throw ProblemException.badRequest(channels.size() + " channels of " + intervals / channels.size()
                        + " intervals each are more than the " + source.maxPoints() + " points one query answers;"
                        + " ask for fewer channels or a longer interval");
            }
        }
        List<Series> all = new ArrayList<>();
        for (ChannelUID channel : channels) {
            all.add(read(source, channel, query, perChannel, windows(caller, thing, channel)));
        }
        if (wantsCsv(request)) {
            writeCsv(response, all, true);
            return;
        }
        ObjectNode body = Json.object().put("thingUID", thing.uid().toString());
        describeQuery(body, query);
        ObjectNode byChannel = body.putObject("channels");
        for (Series series : all) {
            fill(byChannel.putObject(series.channel()), series);
        }
        JsonBodies.write(response, 200, body);
    }

    /**
     * The channel's history in the query's range, read only inside the spans the caller may read (the whole range
     * for its own things; the lifetimes of the grants that show it otherwise), so that a department never reads
     * what was recorded before its grant or after the grant's end.
     */
    private Series read(ChannelHistory source, ChannelUID channel, HistoryQuery query, int limit,
            List<ReadWindow> windows) throws ProblemException {
        try {
            List<ReadWindow> spans = HistorySpans.within(windows, query.from(), query.to());
            if (query.interval() == null) {
                return readPoints(source, channel, query, limit, spans);
            }
            List<Bucket> buckets = new ArrayList<>();
            for (ReadWindow span : spans) {
                buckets.addAll(source.aggregate(channel, span.from(), span.to(), query.interval(), query.aggregate()));
            }
            return new Series(channel.channelId(), List.of(), buckets, null);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (PersistenceException e) {
            throw unavailable(e.getMessage());
        }
    }

    /** Raw points across the spans in order, a page at most; the cursor says where the next page starts. */
    private static Series readPoints(ChannelHistory source, ChannelUID channel, HistoryQuery query, int limit,
            List<ReadWindow> spans) throws PersistenceException {
        List<HistoricState> points = new ArrayList<>();
        Instant after = query.after();
        for (int i = 0; i < spans.size() && points.size() < limit; i++) {
            ReadWindow span = spans.get(i);
            if (after != null && !after.isBefore(span.to())) {
                continue;
            }
            HistoryPage page = source.points(channel, span.from(), span.to(), after, limit - points.size());
            points.addAll(page.points());
            if (page.next() != null) {
                return new Series(channel.channelId(), points, List.of(), page.next());
            }
        }
        boolean more = points.size() >= limit && !points.isEmpty() && spans.get(spans.size() - 1).to()
                .isAfter(points.get(points.size() - 1).time());
        return new Series(channel.channelId(), points, List.of(), more ? points.get(points.size() - 1).time() : null);
    }

    private static List<ReadWindow> windows(Caller caller, Thing thing, ChannelUID channel) {
        return caller.audience().readWindows(thing, channel.channelId());
    }

    private static void describeQuery(ObjectNode body, HistoryQuery query) {
        body.put("from", query.from().toString()).put("to", query.to().toString());
        if (query.interval() != null) {
            body.put("interval", query.interval().toString()).put("aggregate", query.aggregate().id());
        }
    }

    private static void fill(ObjectNode node, Series series) {
        String unit = HistoryPoints.unitOf(series.raw(), series.buckets());
        if (unit != null) {
            node.put("unit", unit);
        }
        ArrayNode points = node.putArray("points");
        series.raw().forEach(point -> points.add(HistoryPoints.point(point.time(), point.state(), unit)));
        series.buckets().forEach(bucket -> points.add(HistoryPoints.point(bucket.start(), bucket.value(), unit)
                .put("n", bucket.count())));
        if (series.next() != null) {
            node.put("next", HistoryQuery.cursor(series.next()));
        }
    }

    private static boolean wantsCsv(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/csv");
    }

    private static void writeCsv(HttpServletResponse response, List<Series> all, boolean withChannel)
            throws IOException {
        response.setStatus(200);
        response.setContentType("text/csv;charset=UTF-8");
        boolean aggregated = all.stream().anyMatch(s -> !s.buckets().isEmpty());
        PrintWriter out = response.getWriter();
        out.print((withChannel ? "channel," : "") + "time,value,unit" + (aggregated ? ",count" : "") + "\r\n");
        for (Series series : all) {
            String prefix = withChannel ? HistoryPoints.csv(series.channel()) + "," : "";
            for (HistoricState point : series.raw()) {
                out.print(prefix + HistoryPoints.csvRow(point.time(), point.state()) + "\r\n");
            }
            for (Bucket bucket : series.buckets()) {
                out.print(prefix + HistoryPoints.csvRow(bucket.start(), bucket.value()) + "," + bucket.count() + "\r\n");
            }
            if (series.next() != null) {
                // a CSV page has nowhere to say where the next one starts but a header
                response.setHeader("Link", "<?cursor=" + HistoryQuery.cursor(series.next()) + ">; rel=\"next\"");
            }
        }
        out.flush();
    }

    private void status(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        HistoryStatus status = available().status();
        ObjectNode body = Json.object().put("store", status.store()).put("recording", status.problem() == null)
                .put("queued", status.queued()).put("written", status.written()).put("dropped", status.dropped())
                .put("missed", status.missed());
        if (status.problem() != null) {
            body.put("problem", status.problem());
        }
        if (status.info() != null) {
            body.put("description", status.info().description()).put("bytes", status.info().bytes());
            if (status.info().oldest() != null) {
                body.put("oldest", status.info().oldest().toString());
            }
            if (status.info().summarisedUntil() != null) {
                body.put("summarisedUntil", status.info().summarisedUntil().toString());
            }
        }
        JsonBodies.write(response, 200, body);
    }

    private void strategies(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ArrayNode body = Json.array();
        available().strategies().forEach(strategy -> body.add(strategyJson(strategy)));
        JsonBodies.write(response, 200, body);
    }

    private void defineStrategy(HttpServletRequest request, HttpServletResponse response,
            Map<String, String> parameters) throws IOException, ProblemException {
        JsonNode body = JsonBodies.read(request);
        if (!body.isObject()) {
            throw ProblemException.badRequest("a strategy is an object: {\"select\": \"department:water\", \"record\":"
                    + " \"every 60s\", \"keepRaw\": \"90d\"}");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) body::fields) {
            JsonNode value = field.getValue();
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                settings.put(field.getKey(), String.join(", ", items));
            } else if (value.isTextual()) {
                settings.put(field.getKey(), value.asText());
            } else {
                throw ProblemException.badRequest("'" + field.getKey() + "' must be a string");
            }
        }
        RecordingStrategy defined;
        try {
            defined = available().defineStrategy(parameters.get("name"), settings);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
        JsonBodies.write(response, 200, strategyJson(defined));
    }

    private static ObjectNode strategyJson(RecordingStrategy strategy) {
        ObjectNode node = Json.object().put("name", strategy.name()).put("record", strategy.recording())
                .put("keep", strategy.retention());
        strategy.selectors().forEach(node.putArray("select")::add);
        return node;
    }

    private void removeStrategy(HttpServletRequest request, HttpServletResponse response,
            Map<String, String> parameters) throws IOException, ProblemException {
        if (!available().removeStrategy(parameters.get("name"))) {
            throw ProblemException.notFound("no strategy '" + parameters.get("name") + "'");
        }
        response.setStatus(204);
    }

    private ChannelHistory available() throws ProblemException {
        return history.get().orElseThrow(() -> unavailable("the history bundle is not running"));
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(503, "history is not available now: " + why).retryAfter(5);
    }

    private Thing thing(HttpServletRequest request, String uid) throws ProblemException {
        ThingUID thingUID = ProblemException.parsing(() -> ThingUID.parse(uid));
        return things.get(thingUID).filter(Caller.of(request)::sees)
                .orElseThrow(() -> ProblemException.notFound("no thing " + thingUID));
    }

    /**
     * The channel asked for, checked against the thing's type while its binding runs; without the type (the
     * binding is not installed) the history of any channel id is answered, as it was recorded.
     */
    private ChannelUID channel(Caller caller, Thing thing, String id, HistoryQuery query) throws ProblemException {
        ChannelUID channel = ProblemException.parsing(() -> new ChannelUID(thing.uid(), id));
        if (!caller.audience().seesChannel(thing, id)) {
            throw ProblemException.notFound("channel " + channel + " is not shared with departments "
                    + caller.token().scope());
        }
        Optional<ThingType> type = things.getThingType(thing.uid());
        if (type.isPresent()) {
            ChannelDefinition definition = type.get().channel(id).filter(c -> c.kind() == ChannelKind.STATE)
                    .orElseThrow(() -> ProblemException.notFound("thing " + thing.uid() + " has no state channel '" + id
                            + "'; its state channels are " + stateChannels(type.get())));
            if (query.aggregate() != null && query.aggregate().numeric() && !NUMERIC.contains(definition.itemType())) {
                throw ProblemException.badRequest("'" + query.aggregate().id() + "' computes with numbers; channel "
                        + channel + " holds " + definition.itemType().id() + " states: use count, first or last");
            }
        }
        return channel;
    }

    private List<ChannelUID> channels(Caller caller, Thing thing, String names, HistoryQuery query)
            throws ProblemException {
        List<String> ids = new ArrayList<>();
        if (names == null || names.isBlank()) {
            ThingType type = things.getThingType(thing.uid()).orElseThrow(() -> ProblemException.badRequest("thing "
                    + thing.uid() + " has no running handler to list its channels: name them in 'channels'"));
            stateChannels(type).stream().filter(id -> caller.audience().seesChannel(thing, id)).forEach(ids::add);
        } else {
            for (String name : names.split(",")) {
                ids.add(name.trim());
            }
        }
        Map<String, ChannelUID> channels = new LinkedHashMap<>();
        for (String id : ids) {
            channels.putIfAbsent(id, channel(caller, thing, id, query));
        }
        if (channels.isEmpty()) {
            throw ProblemException.badRequest("thing " + thing.uid() + " has no state channels");
        }
        return List.copyOf(channels.values());
    }

    private static List<String> stateChannels(ThingType type) {
        return type.channels().stream().filter(c -> c.kind() == ChannelKind.STATE).map(ChannelDefinition::id).toList();
    }
}
