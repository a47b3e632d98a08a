package org.cityhub.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.cityhub.api.security.Role;
import org.cityhub.api.admin.Backup;
import org.cityhub.json.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /api/backup} and {@code /api/restore}: one JSON archive of what the hub keeps. */
final class BackupResource {

    private static final int MAX_ARCHIVE_BYTES = 16 * 1024 * 1024;

    private final Backup backup;

    BackupResource(Backup backup) {
        this.backup = backup;
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/backup", Access.hub(Role.ADMIN), "Download an archive of managed things, ignored inbox entries and"
                + " configurations", this::export),
                Route.of("POST", "/restore", Access.hub(Role.ADMIN), "Restore an archive made by GET /api/backup", this::restore).body("Archive"));
    }

    private void export(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException {
        byte[] archive = backup.export().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType(JsonBodies.JSON);
        response.setHeader("Content-Disposition", "attachment; filename=\"cityhub-backup.json\"");
        response.setContentLength(archive.length);
        response.getOutputStream().write(archive);
    }

    private void restore(HttpServletRequest request, HttpServletResponse response, Map<String, String> parameters)
            throws IOException, ProblemException {
        // an archive holds every managed thing: it may be far larger than the API's other bodies
        request.setAttribute(JsonBodies.MAX_BODY_ATTRIBUTE, MAX_ARCHIVE_BYTES);
        String archive = Json.toText(JsonBodies.read(request));
        List<String> report = ProblemException.parsing(() -> backup.restore(archive));
        ObjectNode body = Json.object();
        report.forEach(body.putArray("restored")::add);
        JsonBodies.write(response, 200, body);
    }
}
