package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.security.Role;
import org.cityhub.api.thing.ThingType;
import org.cityhub.api.thing.ThingTypeRegistry;
import org.cityhub.api.thing.ThingTypeUID;
import org.cityhub.json.Json;
import org.cityhub.json.ThingTypeJson;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** {@code /api/thing-types}: the thing types of the installed bindings, with parameters and channels. */
final class ThingTypeResource {

    private final ThingTypeRegistry types;

    ThingTypeResource(ThingTypeRegistry types) {
        this.types = types;
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/thing-types", Access.department(Role.VIEWER).orResident(), "List the thing types of the installed bindings", this::list),
                Route.of("GET", "/thing-types/{uid}", Access.department(Role.VIEWER).orResident(), "One thing type with its parameters and channels", this::get));
    }

    private void list(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        ArrayNode body = Json.array();
        types.getAll().stream().sorted(Comparator.comparing(t -> t.uid().toString())).map(ThingTypeJson::thingType)
                .forEach(body::add);
        JsonBodies.write(response, 200, body);
    }

    private void get(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        ThingTypeUID uid = ProblemException.parsing(() -> ThingTypeUID.parse(parameters.get("uid")));
        ThingType type = types.get(uid).orElseThrow(() -> ProblemException.notFound("no thing type " + uid
                + " (is its binding '" + uid.bindingId() + "' installed?)"));
        JsonBodies.write(response, 200, ThingTypeJson.thingType(type));
    }
}
