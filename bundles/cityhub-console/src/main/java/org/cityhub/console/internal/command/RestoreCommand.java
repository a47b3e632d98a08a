package org.cityhub.console.internal.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.admin.Backup;

/** Restores an archive written by {@code cityhub:backup} or {@code GET /api/backup}. */
@Command(scope = "cityhub", name = "restore", description = "Restores an archive from cityhub:backup: managed things"
        + " created or replaced, ignored inbox entries, configurations; an archive with an error changes nothing")
@Service
public class RestoreCommand extends AuditedAction {

    @Argument(index = 0, name = "file", required = true, description = "The archive to restore")
    String file;

    @Reference
    private Backup backup;

    @Override
    Object run() throws IOException {
        Path source = Path.of(file);
        if (!Files.isReadable(source)) {
            throw new IllegalArgumentException("cannot read " + source.toAbsolutePath());
        }
        backup.restore(Files.readString(source, StandardCharsets.UTF_8)).forEach(System.out::println);
        return null;
    }

    @Override
    String auditTarget() {
        return file;
    }
}
