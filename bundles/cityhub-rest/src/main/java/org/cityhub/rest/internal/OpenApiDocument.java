package org.cityhub.rest.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.0 document of {@code /api}, made from the same route table that serves the requests, so that
 * every route is documented and nothing documented is missing.
 */
final class OpenApiDocument {

    private static final String BEARER = "bearerToken";

    private OpenApiDocument() {
    }

    static ObjectNode of(List<Route> routes) {
        ObjectNode document = Json.object().put("openapi", "3.0.3");
        document.putObject("info").put("title", "CityHub API").put("version", "1.0.0")
                .put("description", "Things, states, commands, events and bindings of a CityHub hub. Errors are"
                        + " application/problem+json (RFC 9457).");
        document.putArray("servers").addObject().put("url", "/api");
        ObjectNode paths = document.putObject("paths");
        for (Route route : routes) {
            ObjectNode operation = paths.withObjectProperty(route.path().template())
                    .putObject(route.method().toLowerCase(Locale.ROOT));
            operation.put("summary", route.summary()).put("operationId", operationId(route));
            parameters(route, operation.putArray("parameters"));
            access(route.access(), operation);
            if (!route.body().isEmpty()) {
                operation.putObject("requestBody").put("required", true).putObject("content")
                        .putObject("application/json").putObject("schema")
                        .put("$ref", "#/components/schemas/" + route.body());
            }
            responses(route, operation.putObject("responses"));
        }
        ObjectNode components = document.putObject("components");
        components.putObject("securitySchemes").putObject(BEARER).put("type", "http").put("scheme", "bearer")
                .put("description", "A token from cityhub:token-create or POST /api/tokens");
        schemas(components.putObject("schemas"));
        return document;
    }

    private static void parameters(Route route, ArrayNode parameters) {
        for (String segment : route.path().segments()) {
            if (segment.startsWith("{")) {
                parameters.addObject().put("name", segment.substring(1, segment.length() - 1)).put("in", "path")
                        .put("required", true).putObject("schema").put("type", "string");
            }
        }
        for (String name : route.query()) {
            parameters.addObject().put("name", name).put("in", "query").put("required", false).putObject("schema")
                    .put("type", "string");
        }
    }

    /** The route's security requirement, and who may call it as {@code x-cityhub-access}. */
    private static void access(Access access, ObjectNode operation) {
        ObjectNode rule = operation.putObject("x-cityhub-access").put("scope", access.scope().name());
        if (access.scope() == Access.Scope.PUBLIC) {
            operation.putArray("security");
            return;
        }
        rule.put("role", access.role().id()).put("residents", access.residents());
        operation.putArray("security").addObject().putArray(BEARER);
    }

    private static void responses(Route route, ObjectNode responses) {
        responses.putObject("2XX").put("description", "Success");
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "The request is malformed: the detail and violations say how");
        if (route.access().scope() != Access.Scope.PUBLIC) {
            errors.put("401", "No valid bearer token");
            errors.put("403", "The token's role or departments do not allow this route");
            errors.put("429", "The token sent too many requests; see Retry-After");
        }
        errors.put("404", "Not found, or of a department the token does not see");
        if (!route.body().isEmpty()) {
            errors.put("413", "The body is larger than the hub accepts");
            errors.put("415", "The body is not declared as JSON");
        }
        errors.put("5XX", "The hub failed or is busy; see Retry-After");
        errors.forEach((status, description) -> responses.putObject(status).put("description", description)
                .putObject("content").putObject("application/problem+json").putObject("schema")
                .put("$ref", "#/components/schemas/Problem"));
    }

    private static void schemas(ObjectNode schemas) {
        ObjectNode problem = schemas.putObject("Problem").put("type", "object");
        ObjectNode properties = problem.putObject("properties");
        for (String field : List.of("type", "title", "detail", "instance")) {
            properties.putObject(field).put("type", "string");
        }
        properties.putObject("status").put("type", "integer");
        properties.putObject("violations").put("type", "array").putObject("items").put("type", "string");
        object(schemas, "Thing", "A thing: see docs/things.md", Map.ofEntries(Map.entry("uid", "string"),
                Map.entry("thingTypeUID", "string"), Map.entry("label", "string"), Map.entry("bridgeUID", "string"),
                Map.entry("department", "string"), Map.entry("household", "string"), Map.entry("location", "object"),
                Map.entry("tags", "array"), Map.entry("properties", "object"), Map.entry("configuration", "object")),
                "uid", "thingTypeUID", "label");
        object(schemas, "Strategy", "A history recording strategy: see docs/history.md", Map.of("select", "string",
                "record", "string", "keepRaw", "string", "keepHourly", "string", "keepDaily", "string"));
        object(schemas, "Command", "{\"command\": \"ON\"}, {\"command\": 40} or {\"command\": {\"value\": 40,"
                + " \"unit\": \"%\"}}", Map.of("command", "any"), "command");
        object(schemas, "StateUpdate", "{\"state\": \"ON\"}, {\"state\": 21.5} or {\"state\": {\"value\": 21.5,"
                + " \"unit\": \"°C\"}}", Map.of("state", "any"), "state");
        object(schemas, "Enabled", "{\"enabled\": true} (or a bare true/false)", Map.of("enabled", "boolean"), "enabled");
        object(schemas, "IngestDocument", "Any JSON document; the thing's channels say where each value is (see"
                + " docs/bindings/http.md)", Map.of());
        object(schemas, "IngestBatch", "{\"<thing UID>\": <document>, …}", Map.of());
        object(schemas, "TokenRequest", "A token to create; expires like 30d, 12h or P30D; a resident's names"
                + " households instead of departments", Map.of("name", "string", "role", "string", "departments",
                "string", "households", "array", "expires", "string"), "name", "role");
        object(schemas, "Household", "A household: see docs/homes.md", Map.of("id", "string", "label", "string",
                "address", "string", "district", "string", "office", "string"), "label", "address", "district",
                "office");
        object(schemas, "SignIn", "A single-use ticket from cityhub:ui-link", Map.of("ticket", "string"), "ticket");
        object(schemas, "ResidentTokenRequest", "A resident's token to issue; expires like 90d",
                Map.of("name", "string", "expires", "string"), "name");
        object(schemas, "Grant", "A grant: see docs/sharing.md", Map.of("id", "string", "owner", "object", "grantee",
                "string", "select", "object", "rights", "array", "purpose", "string", "expires", "string"), "owner",
                "grantee", "select", "rights", "purpose");
        object(schemas, "Rule", "A rule: see docs/rules.md", Map.of("label", "string", "department", "string",
                "triggers", "array", "conditions", "array", "actions", "array", "enabled", "boolean",
                "maxFiringsPerMinute", "integer"), "label", "department", "triggers", "actions");
        object(schemas, "BindingRequest", "{\"feature\": name} or {\"location\": bundle URL}",
                Map.of("feature", "string", "location", "string"));
        object(schemas, "InboxApproval", "Optional: the new thing's id, label and household (admins)",
                Map.of("id", "string", "label", "string", "household", "string"));
        object(schemas, "Archive", "An archive made by GET /api/backup", Map.of("schemaVersion", "integer"),
                "schemaVersion");
    }

    private static void object(ObjectNode schemas, String name, String description, Map<String, String> fields,
            String... required) {
        ObjectNode schema = schemas.putObject(name).put("type", "object").put("description", description);
        ObjectNode properties = schema.putObject("properties");
        new TreeMap<>(fields).forEach((field, type) -> {
            ObjectNode property = properties.putObject(field);
            if (!type.equals("any")) {
                property.put("type", type);
            }
        });
        if (required.length > 0) {
            ArrayNode names = schema.putArray("required");
            List.of(required).forEach(names::add);
        }
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
