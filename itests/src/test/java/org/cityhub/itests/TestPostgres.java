package org.cityhub.itests;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.cityhub.test.PostgresServer;
import org.opentest4j.TestAbortedException;

/**
 * The PostgreSQL server of a test, started where Pax Exam configures the hub (outside the container, which never
 * loads this class) and stopped when the test JVM ends.
 */
final class TestPostgres {

    private TestPostgres() {
    }

    /**
     * A fresh server in {@code target/<name>}, or empty when PostgreSQL is not installed outside CI (the test is then
     * skipped; PeerProgram printed why). Under {@code CI=true} a missing server fails.
     */
    static Optional<PostgresServer> start(String name) throws IOException, InterruptedException {
        Path folder = new File("target", name).getAbsoluteFile().toPath();
        if (Files.exists(folder)) {
            try (Stream<Path> old = Files.walk(folder)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(folder);
        PostgresServer postgres;
        try {
            postgres = PostgresServer.start(folder);
        } catch (TestAbortedException e) {
            return Optional.empty();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException | InterruptedException e) {
                System.err.println("stopping the test's PostgreSQL failed: " + e);
            }
        }));
        return Optional.of(postgres);
    }
}
