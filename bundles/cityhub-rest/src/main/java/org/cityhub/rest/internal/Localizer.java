package org.cityhub.rest.internal;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;

import org.cityhub.api.i18n.Labels;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;
import org.cityhub.json.StatusLabels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Answers in the language a request asks for ({@code Accept-Language}, else the hub's default language): every
 * object of an answer that has {@code labels} gets its {@code label} in that language when one exists (the
 * {@code labels} stay, for clients that show several); a thing's status gets a {@code label} too; a problem's
 * {@code title} is translated. A problem's {@code detail} stays in English, the language of the hub's log.
 */
final class Localizer {

    /** The languages the hub's own texts (statuses, problem titles) are written in. */
    private static final List<String> OWN_LANGUAGES = List.of("en", "zh-CN");
    private static final Map<Integer, Labels> TITLES = Map.ofEntries(
            Map.entry(400, Labels.of("en", "Bad Request", "zh-CN", "请求无效")),
            Map.entry(401, Labels.of("en", "Unauthorized", "zh-CN", "未认证")),
            Map.entry(403, Labels.of("en", "Forbidden", "zh-CN", "无权访问")),
            Map.entry(404, Labels.of("en", "Not Found", "zh-CN", "未找到")),
            Map.entry(405, Labels.of("en", "Method Not Allowed", "zh-CN", "不支持该方法")),
            Map.entry(409, Labels.of("en", "Conflict", "zh-CN", "冲突")),
            Map.entry(413, Labels.of("en", "Payload Too Large", "zh-CN", "请求体过大")),
            Map.entry(415, Labels.of("en", "Unsupported Media Type", "zh-CN", "不支持的媒体类型")),
            Map.entry(429, Labels.of("en", "Too Many Requests", "zh-CN", "请求过多")),
            Map.entry(500, Labels.of("en", "Internal Server Error", "zh-CN", "服务器内部错误")),
            Map.entry(503, Labels.of("en", "Service Unavailable", "zh-CN", "服务暂不可用")),
            Map.entry(504, Labels.of("en", "Gateway Timeout", "zh-CN", "网关超时")));

    private final List<Locale.LanguageRange> wanted;

    private Localizer(List<Locale.LanguageRange> wanted) {
        this.wanted = wanted;
    }

    /**
     * The request's languages: its {@code Accept-Language}, or the default language if it names none (or names
     * them so badly that they cannot be read, which is not worth refusing a request for).
     */
    static Localizer of(HttpServletRequest request, String defaultLanguage) {
        String header = request.getHeader("Accept-Language");
        if (header != null && !header.isBlank()) {
            try {
                return new Localizer(Locale.LanguageRange.parse(header));
            } catch (IllegalArgumentException e) {
                // a malformed header: answer in the default language
            }
        }
        return new Localizer(Locale.LanguageRange.parse(defaultLanguage));
    }

    /** The response, answering in this request's language. */
    HttpServletResponse wrap(HttpServletResponse response) {
        Localized localized = new Localized(response, this);
        Locale.filterTags(wanted, OWN_LANGUAGES).stream().findFirst()
                .ifPresent(language -> response.setHeader("Content-Language", language));
        return localized;
    }

    /** The answer's labels in the request's language; the tree is changed in place. */
    JsonNode localize(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode labels = object.get("labels");
            if (labels != null && labels.isObject() && object.path("label").isTextual()) {
                object.put("label", labels(labels).pick(wanted, object.get("label").asText()));
            }
            labelStatus(object);
            for (Iterator<JsonNode> children = object.elements(); children.hasNext();) {
                localize(children.next());
            }
        } else if (node.isArray()) {
            node.forEach(this::localize);
        }
        return node;
    }

    /** A problem's title in the request's language. */
    String title(int status, String english) {
        Labels titles = TITLES.get(status);
        return titles == null ? english : titles.pick(wanted, english);
    }

    /** A thing's status object, {@code {"status": "ONLINE", "detail": "NONE"}}, gets labels for both. */
    private void labelStatus(ObjectNode object) {
        JsonNode status = object.get("status");
        JsonNode detail = object.get("detail");
        if (status == null || !status.isTextual() || detail == null || !detail.isTextual()) {
            return;
        }
        try {
            ThingStatus named = ThingStatus.valueOf(status.asText());
            ThingStatusDetail detailNamed = ThingStatusDetail.valueOf(detail.asText());
            object.put("label", StatusLabels.of(named).pick(wanted, named.name()));
            object.put("detailLabel", StatusLabels.of(detailNamed).pick(wanted, detailNamed.name()));
        } catch (IllegalArgumentException notAThingStatus) {
            // another object with fields of these names
        }
    }

    private static Labels labels(JsonNode node) {
        Map<String, String> byLanguage = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> byLanguage.put(field.getKey(), field.getValue().asText()));
        try {
            return new Labels(byLanguage);
        } catch (IllegalArgumentException e) {
            return Labels.NONE; // the hub wrote them; a tag it kept is a tag
        }
    }

    /** A response that knows the language its JSON answers are written in. */
    static final class Localized extends HttpServletResponseWrapper {

        private final Localizer localizer;

        private Localized(HttpServletResponse response, Localizer localizer) {
            super(response);
            this.localizer = localizer;
        }

        Localizer localizer() {
            return localizer;
        }
    }
}
