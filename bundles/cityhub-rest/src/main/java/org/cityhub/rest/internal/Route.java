package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * One entry of the API's route table: what it answers, who may call it and, for the OpenAPI document, which
 * query parameters and body it takes.
 *
 * @param method the HTTP method
 * @param path the path below {@code /api}
 * @param access who may call it
 * @param summary what the route does, for people
 * @param handler what answers it
 * @param query the query parameters it reads
 * @param body the schema name of its JSON body (see {@link OpenApiDocument}); empty if it takes none
 */
record Route(String method, PathTemplate path, Access access, String summary, Handler handler, List<String> query,
        String body) {

    static Route of(String method, String path, Access access, String summary, Handler handler) {
        return new Route(method, PathTemplate.of(path), access, summary, handler, List.of(), "");
    }

    /** This route, documented as reading these query parameters. */
    Route query(String... names) {
        return new Route(method, path, access, summary, handler, List.of(names), body);
    }

    /** This route, documented as taking a JSON body of this schema. */
    Route body(String schema) {
        return new Route(method, path, access, summary, handler, query, schema);
    }

    /** The route as the audit trail and the metrics name it: {@code METHOD /template}. */
    String key() {
        return method + " " + path;
    }

    /** Answers a request whose path matched, with the path's parameters. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
                throws IOException, ProblemException;
    }
}
