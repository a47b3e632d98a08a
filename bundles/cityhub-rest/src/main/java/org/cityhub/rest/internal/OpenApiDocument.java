package org.cityhub.rest.internal;

import java.util.List;
import java.util.Locale;

import org.cityhub.core.json.ModelJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.0 document of {@code /api}, made from the same route table that serves the requests, so that
 * every route is documented and nothing documented is missing.
 */
final class OpenApiDocument {

    private OpenApiDocument() {
    }

    static ObjectNode of(List<Route> routes) {
        ObjectNode document = ModelJson.object().put("openapi", "3.0.3");
        document.putObject("info").put("title", "CityHub API").put("version", "1.0.0")
                .put("description", "Things, states, commands, events and bindings of a CityHub hub. Errors are"
                        + " application/problem+json (RFC 9457).");
        document.putArray("servers").addObject().put("url", "/api");
        ObjectNode paths = document.putObject("paths");
        for (Route route : routes) {
            ObjectNode operation = paths.withObjectProperty(route.path().template())
                    .putObject(route.method().toLowerCase(Locale.ROOT));
            operation.put("summary", route.summary()).put("operationId", operationId(route));
            ArrayNode parameters = operation.putArray("parameters");
            for (String segment : route.path().segments()) {
                if (segment.startsWith("{")) {
                    parameters.addObject().put("name", segment.substring(1, segment.length() - 1)).put("in", "path")
                            .put("required", true).putObject("schema").put("type", "string");
                }
            }
            ObjectNode responses = operation.putObject("responses");
            responses.putObject("2XX").put("description", "Success");
            responses.putObject("4XX").put("description", "A problem with the request")
                    .putObject("content").putObject("application/problem+json").putObject("schema")
                    .put("$ref", "#/components/schemas/Problem");
        }
        ObjectNode problem = document.putObject("components").putObject("schemas").putObject("Problem")
                .put("type", "object");
        ObjectNode properties = problem.putObject("properties");
        for (String field : List.of("type", "title", "detail", "instance")) {
            properties.putObject(field).put("type", "string");
        }
        properties.putObject("status").put("type", "integer");
        properties.putObject("violations").put("type", "array").putObject("items").put("type", "string");
        return document;
    }

    private static String operationId(Route route) {
        StringBuilder id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        for (String segment : route.path().segments()) {
            String word = segment.replaceAll("[{}-]", "");
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return id.toString();
    }
}
