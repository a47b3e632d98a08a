package org.cityhub.rest.internal;

import java.io.IOException;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * One entry of the API's route table.
 *
 * @param method the HTTP method
 * @param path the path below {@code /api}
 * @param summary what the route does, for people
 * @param handler what answers it
 */
record Route(String method, PathTemplate path, String summary, Handler handler) {

    static Route of(String method, String path, String summary, Handler handler) {
        return new Route(method, PathTemplate.of(path), summary, handler);
    }

    /** Answers a request whose path matched, with the path's parameters. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
                throws IOException, ProblemException;
    }
}
