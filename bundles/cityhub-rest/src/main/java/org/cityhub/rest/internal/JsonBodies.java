package org.cityhub.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.json.Json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads request bodies and writes JSON and problem answers. */
final class JsonBodies {

    static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** The request attribute with the largest body accepted, in bytes, set by the servlet from its configuration. */
    static final String MAX_BODY_ATTRIBUTE = JsonBodies.class.getName() + ".maxBody";
    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    private JsonBodies() {
    }

    /** The request's JSON body; 415 if it is declared as something else, 413 if too large, 400 if not JSON. */
    static JsonNode read(HttpServletRequest request) throws IOException, ProblemException {
        byte[] body = bytes(request);
        if (body.length == 0) {
            throw ProblemException.badRequest("the request needs a JSON body");
        }
        return parse(body);
    }

    /**
     * The request's body as text, unparsed, for whoever parses it once further on; 415 if it is declared as
     * something other than JSON, 413 if too large, 400 if empty or not UTF-8.
     */
    static String readText(HttpServletRequest request) throws IOException, ProblemException {
        byte[] body = bytes(request);
        if (body.length == 0) {
            throw ProblemException.badRequest("the request needs a JSON body");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("the body is not UTF-8 text, as JSON must be");
        }
    }

    /** The request's JSON object body, or an empty object if it has none. */
    static JsonNode readOptional(HttpServletRequest request) throws IOException, ProblemException {
        byte[] body = bytes(request);
        if (body.length == 0) {
            return Json.object();
        }
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw ProblemException.badRequest("the body must be a JSON object");
        }
        return node;
    }

    private static byte[] bytes(HttpServletRequest request) throws IOException, ProblemException {
        String type = request.getContentType();
        if (type != null && !type.toLowerCase().startsWith(JSON)) {
            throw new ProblemException(415, "the body must be JSON: send the header 'Content-Type: " + JSON
                    + "' (this request declared " + type + ")");
        }
        int limit = request.getAttribute(MAX_BODY_ATTRIBUTE) instanceof Integer max ? max : DEFAULT_MAX_BODY_BYTES;
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        return readLimited(request.getInputStream(), limit);
    }

    private static ProblemException tooLarge(int limit) {
        return new ProblemException(413, "the body is larger than " + limit + " bytes, the most this hub accepts");
    }

    private static JsonNode parse(byte[] body) throws ProblemException {
        try {
            return Json.parse(body);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof IllegalArgumentException outOfRange) {
                throw ProblemException.badRequest("the body is refused: " + outOfRange.getMessage());
            }
            JsonLocation at = e.getLocation();
            throw ProblemException.badRequest("the body is not valid JSON" + (at == null ? "" : " (line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    private static byte[] readLimited(InputStream in, int limit) throws IOException, ProblemException {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw tooLarge(limit);
        }
        return body;
    }

    static void write(HttpServletResponse response, int status, JsonNode body) throws IOException {
        JsonNode localized = response instanceof Localizer.Localized answer ? answer.localizer().localize(body) : body;
        send(response, status, JSON, Json.toText(localized));
    }

    static void writeProblem(HttpServletResponse response, ProblemException problem, String instance) throws IOException {
        String title = response instanceof Localizer.Localized answer
                ? answer.localizer().title(problem.status(), problem.title()) : problem.title();
        ObjectNode body = Json.object().put("type", "about:blank").put("title", title)
                .put("status", problem.status()).put("detail", problem.getMessage()).put("instance", instance);
        problem.headers().forEach(response::setHeader);
        if (!problem.violations().isEmpty()) {
            problem.violations().forEach(body.putArray("violations")::add);
        }
        send(response, problem.status(), PROBLEM_JSON, Json.toText(body));
    }

    private static void send(HttpServletResponse response, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(type);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
