package org.cityhub.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class OpenApiDocumentTest {

    @Test
    void documentsEveryRouteWithItsPathParameters() {
        Route.Handler none = (request, response, parameters) -> {
        };
        List<Route> routes = List.of(Route.of("GET", "/things", "List things", none),
                Route.of("POST", "/things/{uid}/channels/{channel}/command", "Send a command", none),
                Route.of("GET", "/things/{uid}", "One thing", none));

        JsonNode document = OpenApiDocument.of(routes);

        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(document.at("/paths/~1things/get/summary").asText()).isEqualTo("List things");
        JsonNode command = document.at("/paths/~1things~1{uid}~1channels~1{channel}~1command/post");
        assertThat(command.get("operationId").asText()).isEqualTo("postThingsUidChannelsChannelCommand");
        assertThat(command.get("parameters")).extracting(p -> p.get("name").asText()).containsExactly("uid", "channel");
        assertThat(document.get("paths").size()).isEqualTo(3);
    }
}
