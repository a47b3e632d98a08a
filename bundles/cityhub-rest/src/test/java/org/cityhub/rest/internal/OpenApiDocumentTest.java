package org.cityhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.cityhub.api.security.Role;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class OpenApiDocumentTest {

    @Test
    void documentsEveryRouteWithItsPathParameters() {
        Route.Handler none = (request, response, parameters) -> {
        };
        List<Route> routes = List.of(
                Route.of("GET", "/things", Access.department(Role.VIEWER), "List things", none).query("status"),
                Route.of("POST", "/things/{uid}/channels/{channel}/command", Access.department(Role.OPERATOR),
                        "Send a command", none).body("Command"),
                Route.of("GET", "/things/{uid}", Access.department(Role.VIEWER), "One thing", none),
                Route.of("GET", "/health", Access.PUBLIC, "Health", none));

        JsonNode document = OpenApiDocument.of(routes);

        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/paths/~1things/get/summary").asText()).isEqualTo("List things");
        JsonNode command = document.at("/paths/~1things~1{uid}~1channels~1{channel}~1command/post");
        assertThat(command.get("operationId").asText()).isEqualTo("postThingsUidChannelsChannelCommand");
        assertThat(command.get("parameters")).extracting(p -> p.get("name").asText()).containsExactly("uid", "channel");
        assertThat(command.at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Command");
        assertThat(document.at("/components/schemas/Command/required/0").asText()).isEqualTo("command");
        assertThat(document.get("paths").size()).isEqualTo(4);
    }

    @Test
    void documentsWhoMayCallEachRoute() {
        Route.Handler none = (request, response, parameters) -> {
        };
        JsonNode document = OpenApiDocument.of(List.of(
                Route.of("POST", "/things", Access.department(Role.INTEGRATOR), "Create", none),
                Route.of("GET", "/health", Access.PUBLIC, "Health", none)));

        JsonNode create = document.at("/paths/~1things/post");
        assertThat(create.at("/x-cityhub-access/role").asText()).isEqualTo("integrator");
        assertThat(create.at("/security/0").has("bearerToken")).isTrue();
        assertThat(create.at("/responses/403")).isNotNull();
        JsonNode health = document.at("/paths/~1health/get");
        assertThat(health.get("security")).isEmpty();
        assertThat(health.at("/responses/401").isMissingNode()).isTrue();
        assertThat(document.at("/paths/~1things/get/parameters").isMissingNode()).isTrue();
    }
}
