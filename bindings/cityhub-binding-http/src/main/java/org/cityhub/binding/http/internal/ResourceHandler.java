package org.cityhub.binding.http.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityhub.api.binding.HandlerScheduler.ScheduledTask;
import org.cityhub.api.binding.Backoff;
import org.cityhub.api.binding.ThingHandlerCallback;
import org.cityhub.api.thing.Thing;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.transform.JsonPath;
import org.cityhub.transform.TransformationException;
import org.eclipse.jdt.annotation.Nullable;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One polled URL of a department's service ({@code http:resource}). Polls at its interval, paced by the endpoint's
 * rate limit, asks conditionally (ETag, Last-Modified) so that unchanged data costs the service nothing, backs off
 * exponentially while the service fails, and feeds its channels and the items of its list from each answer.
 */
final class ResourceHandler extends HttpThingHandler {

    private @Nullable String path;
    private Duration interval = Duration.ofMinutes(1);
    private @Nullable JsonPath itemsPath;
    private @Nullable JsonPath itemKey;
    private @Nullable Backoff backoff;
    private @Nullable ScheduledTask next;
    private @Nullable String etag;
    private @Nullable String lastModified;

    ResourceHandler(Thing thing, ThingHandlerCallback callback) {
        super(thing, callback);
    }

    @Override
    public void initialize() {
        Optional<ResourceConfig> configured = configuration(ResourceConfig.class);
        if (configured.isEmpty()) {
            return;
        }
        ResourceConfig config = configured.get();
        path = config.path();
        interval = config.interval();
        try {
            itemsPath = config.itemsPath().map(JsonPath::parse).orElse(null);
            itemKey = JsonPath.parse(config.itemKey());
        } catch (IllegalArgumentException e) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR, e.getMessage());
            return;
        }
        if (!readChannels(path)) {
            return;
        }
        Optional<EndpointHandler> endpoint = endpoint();
        if (endpoint.isEmpty()) {
            updateStatus(ThingStatus.OFFLINE, ThingStatusDetail.CONFIGURATION_ERROR,
                    "an http:resource goes through a running http:endpoint bridge");
            return;
        }
        backoff = new Backoff(interval, endpoint.get().config().maxBackoff());
        updateStatus(ThingStatus.UNKNOWN, ThingStatusDetail.NONE, "first poll of " + endpoint.get().client().resolve(path)
                + " under way");
        pollAfter(Duration.ZERO);
    }

    @Override
    protected void refresh() {
        if (backoff != null) {
            pollAfter(Duration.ZERO);
        }
    }

    private void pollAfter(Duration delay) {
        if (next != null) {
            next.cancel();
        }
        next = scheduler().schedule(this::poll, delay);
    }

    /** Waits for the endpoint's next free slot, then asks. */
    private void poll() {
        Optional<EndpointHandler> endpoint = endpoint();
        if (endpoint.isEmpty()) {
            return; // the bridge is going away; the hub stops this thing too
        }
        Duration wait = endpoint.get().pacer().reserve(clock().instant());
        if (wait.isZero()) {
            send(endpoint.get());
        } else {
            next = scheduler().schedule(() -> endpoint().ifPresent(this::send), wait);
        }
    }

    private void send(EndpointHandler endpoint) {
        Map<String, String> conditions = new HashMap<>();
        if (etag != null) {
            conditions.put("If-None-Match", etag);
        }
        if (lastModified != null) {
            conditions.put("If-Modified-Since", lastModified);
        }
        String what = "GET " + endpoint.client().resolve(path);
        endpoint.client().send(DepartmentClient.Request.get(path, conditions)).whenComplete((answer, failure) ->
                handBack(() -> {
                    if (failure != null) {
                        failed(RequestFailed.isConfiguration(failure) ? ThingStatusDetail.CONFIGURATION_ERROR
                                : ThingStatusDetail.COMMUNICATION_ERROR, RequestFailed.reason(failure), null);
                    } else {
                        answered(endpoint, what, answer);
                    }
                }));
    }

    private void answered(EndpointHandler endpoint, String what, Answer answer) {
        int status = answer.status();
        if (status == 304) {
            succeeded();
        } else if (status == 401 || status == 403) {
            endpoint.client().authentication().refused();
            failed(ThingStatusDetail.CONFIGURATION_ERROR, what + ": HTTP " + status + ", the service refused the"
                    + " endpoint's credentials", answer.retryAfter().orElse(null));
        } else if (status == 404 || status == 410) {
            failed(ThingStatusDetail.CONFIGURATION_ERROR, what + ": HTTP " + status + ", no such resource; check its"
                    + " path", null);
        } else if (!answer.successful()) {
            failed(ThingStatusDetail.COMMUNICATION_ERROR, what + ": HTTP " + status, answer.retryAfter().orElse(null));
        } else {
            read(endpoint, what, answer);
        }
    }

    private void read(EndpointHandler endpoint, String what, Answer answer) {
        boolean needsJson = itemsPath != null || mapping().readsJson();
        JsonNode document = null;
        if (needsJson) {
            try {
                document = parseJson(endpoint.config().strictContentType(), answer);
            } catch (TransformationException e) {
                refuseInput(what + ": " + e.getMessage());
                failed(ThingStatusDetail.COMMUNICATION_ERROR, what + ": " + e.getMessage(), null);
                return;
            }
        }
        etag = answer.etag();
        lastModified = answer.lastModified();
        apply(mapping().read(answer.body()), true);
        if (document != null && itemsPath != null) {
            feedItems(endpoint, document);
        }
        succeeded();
    }

    /**
     * The answer as JSON. A content type that does not say JSON is refused only when the endpoint is strict: simple
     * servers (Python's http.server, many embedded ones) send JSON as {@code text/plain} or
     * {@code application/octet-stream}.
     */
    private static JsonNode parseJson(boolean strict, Answer answer) throws TransformationException {
        if (answer.saysJson()) {
            return JsonPath.parse(answer.body(), "the answer");
        }
        if (strict) {
            throw new TransformationException("expected JSON, the content type is " + answer.contentType()
                    + " (the endpoint's strictContentType is on)");
        }
        try {
            return JsonPath.parse(answer.body(), "the answer");
        } catch (TransformationException e) {
            throw new TransformationException(e.getMessage() + "; its content type is " + answer.contentType());
        }
    }

    /** Hands each waiting item its element of the list; an item whose key is missing hears so. */
    private void feedItems(EndpointHandler endpoint, JsonNode document) {
        List<JsonNode> selected = itemsPath.select(document);
        List<JsonNode> elements = selected.size() == 1 && selected.get(0).isArray()
                ? iterable(selected.get(0)) : selected;
        Map<String, JsonNode> byKey = new HashMap<>();
        for (JsonNode element : elements) {
            List<JsonNode> key = itemKey.select(element);
            if (key.isEmpty() || !key.get(0).isValueNode()) {
                refuseInput("a list element has no " + itemKey + " key: " + abbreviate(element.toString()));
            } else {
                byKey.put(key.get(0).asText(), element);
            }
        }
        endpoint.itemsOf(thing()).forEach((key, item) -> {
            JsonNode element = byKey.get(key);
            if (element == null) {
                item.missing(thing().uid(), byKey.size());
            } else {
                item.deliver(element.toString());
            }
        });
    }

    private void succeeded() {
        backoff.succeeded();
        updateStatus(ThingStatus.ONLINE);
        pollAfter(interval);
    }

    private void failed(ThingStatusDetail detail, String reason, @Nullable Duration retryAfter) {
        Duration delay = backoff.failed();
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        String message = reason + " (failure " + backoff.failures() + "; next attempt in " + delay.toSeconds() + " s)";
        updateStatus(ThingStatus.OFFLINE, detail, message);
        endpoint().ifPresent(endpoint -> endpoint.itemsOf(thing()).values()
                .forEach(item -> item.sourceFailed(thing().uid(), reason)));
        pollAfter(delay);
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> elements = new java.util.ArrayList<>();
        array.elements().forEachRemaining(elements::add);
        return elements;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
