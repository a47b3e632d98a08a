package org.cityhub.core.internal.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.cityhub.api.health.HealthCheck;
import org.cityhub.api.health.HealthIndicator;
import org.cityhub.core.internal.storage.StateDirectory;
import org.osgi.service.component.annotations.Component;

/** Not ready while the state folder cannot be written: managed things, tokens and sequences could not be kept. */
@Component(service = HealthIndicator.class)
public final class StorageWritable implements HealthIndicator {

    private final Path folder = StateDirectory.resolve("");

    @Override
    public HealthCheck check() {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".health", ".tmp");
            Files.delete(probe);
            return new HealthCheck("storage", true, folder + " is writable");
        } catch (IOException | SecurityException e) {
            return new HealthCheck("storage", false, folder + " cannot be written: " + e.getMessage());
        }
    }
}
