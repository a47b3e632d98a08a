package org.cityhub.rest.internal;

import java.io.IOException;

import javax.servlet.RequestDispatcher;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;

/**
 * Answers what the API servlet never sees as {@code application/problem+json}, like every API error, rather than as
 * the container's HTML page: any path outside {@code /api} (as the default servlet, for every method), and the errors
 * the container raises itself (as its error page).
 */
@Component(service = Servlet.class, property = { "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.errorPage=4xx",
        "osgi.http.whiteboard.servlet.errorPage=5xx", "osgi.http.whiteboard.servlet.name=cityhub-errors" })
public final class ErrorPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : 404;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        String detail = status == 404 ? "nothing is served at " + path + "; the API is under /api (see /api/docs)"
                : status >= 500 ? "the hub failed to answer this request; the error is in its log"
                        : "the request was refused by the web server: " + message(request);
        response.resetBuffer();
        JsonBodies.writeProblem(response, new ProblemException(status, detail), path);
    }

    private static String message(HttpServletRequest request) {
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        return message == null || message.toString().isBlank() ? "malformed" : message.toString();
    }
}
