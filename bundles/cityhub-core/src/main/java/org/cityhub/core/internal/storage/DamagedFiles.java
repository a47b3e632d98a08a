package org.cityhub.core.internal.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityhub.api.health.HealthCheck;
import org.cityhub.api.health.HealthIndicator;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the hub found damaged in its state files, and did about it. A file that cannot be read never stops the
 * hub: the component that reads it sets it aside (renamed {@code <name>.damaged-<time>}, kept for an admin to look
 * at), starts without what it held, and says here what was lost; the hub's health then shows it as degraded.
 */
@Component(service = { DamagedFiles.class, HealthIndicator.class })
public final class DamagedFiles implements HealthIndicator {

    /** One damaged file: what was wrong, where it went, what the hub runs without. */
    public record Damage(Path file, Path setAside, String problem, String lost) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(DamagedFiles.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS");

    private final List<Damage> damages = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public DamagedFiles() {
        this(Clock.systemUTC());
    }

    DamagedFiles(Clock clock) {
        this.clock = clock;
    }

    /**
     * Sets a damaged file aside and records what the hub runs without.
     *
     * @param file the file that cannot be read
     * @param problem what is wrong with it
     * @param lost what the hub starts without, for people ("every API token: mint new ones …")
     * @return where the file went (the file itself, if it could not even be renamed)
     */
    public Path setAside(Path file, String problem, String lost) {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + STAMP.format(clock.instant()
                .atZone(clock.getZone())));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.error("{} is damaged and could not be set aside either: {}", file, e.toString());
            aside = file;
        }
        return record(new Damage(file, aside, problem, lost));
    }

    /**
     * Records damage that needed no file moved (damaged lines skipped in a file that stays in use).
     *
     * @return the file
     */
    public Path note(Path file, String problem, String lost) {
        return record(new Damage(file, file, problem, lost));
    }

    /** Everything found damaged since the hub started. */
    public List<Damage> damages() {
        return List.copyOf(damages);
    }

    @Override
    public HealthCheck check() {
        if (damages.isEmpty()) {
            return new HealthCheck("state-files", true, "every state file was read whole");
        }
        StringBuilder detail = new StringBuilder("degraded: ");
        for (Damage damage : damages) {
            detail.append(damage.file().getFileName()).append(" was damaged (").append(damage.problem()).append(')')
                    .append(damage.setAside().equals(damage.file()) ? "" : ", set aside as "
                            + damage.setAside().getFileName())
                    .append("; lost: ").append(damage.lost()).append(". ");
        }
        return new HealthCheck("state-files", true, detail.toString().trim(), true);
    }

    private Path record(Damage damage) {
        damages.add(damage);
        LOG.error("{} is damaged ({}); {}; the hub runs without: {}", damage.file(), damage.problem(),
                damage.setAside().equals(damage.file()) ? "it stays in use" : "set aside as " + damage.setAside(),
                damage.lost());
        return damage.setAside();
    }
}
