package org.cityhub.console.internal.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.cityhub.api.admin.Backup;

/** Writes an archive of what the hub keeps to a file. */
@Command(scope = "cityhub", name = "backup", description = "Writes an archive of the managed things, ignored inbox"
        + " entries and CityHub configurations to a file (default: state/backups/cityhub-backup-<time>.json)")
@Service
public class BackupCommand implements Action {

    @Argument(index = 0, name = "file", description = "Where to write the archive")
    String file;

    @Reference
    private Backup backup;

    @Override
    public Object execute() throws IOException {
        Path target = file != null ? Path.of(file) : Path.of(System.getProperty("karaf.base", "."), "state", "backups",
                "cityhub-backup-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(target, backup.export(), StandardCharsets.UTF_8);
        System.out.println("backup written to " + target.toAbsolutePath());
        return null;
    }
}
