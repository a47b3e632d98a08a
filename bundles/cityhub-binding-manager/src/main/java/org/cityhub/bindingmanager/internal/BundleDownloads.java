package org.cityhub.bindingmanager.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cityhub.api.admin.BindingChangeException;
import org.cityhub.api.admin.BindingChangeException.Reason;

/**
 * Fetches a binding's bundle into a temporary file before anything is installed, on a thread of its own with
 * connect, read and overall time limits and a size limit, so that what it holds (is it a binding, and which) is
 * known first and a slow or endless download never holds the caller longer than the limit.
 */
final class BundleDownloads implements AutoCloseable {

    /** A fetched bundle: its file (deleted by {@link #close()}) and the binding its descriptors name. */
    record Download(Path file, Optional<String> bindingId) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    private static final long MAX_BYTES = 64L * 1024 * 1024;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(work -> {
        Thread created = new Thread(work, "cityhub-binding-downloads");
        created.setDaemon(true);
        return created;
    });
    private final Duration limit;

    BundleDownloads(Duration limit) {
        this.limit = limit;
    }

    /**
     * Fetches the bundle at a location.
     *
     * @throws BindingChangeException {@code FAILED} if it cannot be fetched within the limits, saying why
     */
    Download fetch(String location) throws BindingChangeException {
        Future<Download> download = thread.submit(() -> download(location));
        try {
            return download.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            download.cancel(true);
            throw new BindingChangeException(Reason.FAILED, "bundle " + location + " was not fetched within "
                    + limit.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new BindingChangeException(Reason.FAILED, "bundle " + location + " cannot be fetched: "
                    + (cause.getMessage() == null ? cause.toString() : cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            download.cancel(true);
            throw new BindingChangeException(Reason.FAILED, "interrupted while fetching " + location);
        }
    }

    private Download download(String location) throws IOException {
        Path file = Files.createTempFile("cityhub-binding-", ".jar");
        try {
            URLConnection connection = new URL(location).openConnection();
            int millis = (int) Math.min(Integer.MAX_VALUE, limit.toMillis());
            connection.setConnectTimeout(millis);
            connection.setReadTimeout(millis);
            try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
                copy(in, out);
            }
            return new Download(file, BindingBundles.bindingIdOf(file));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            total += read;
            if (total > MAX_BYTES) {
                throw new IOException("it is larger than " + MAX_BYTES / 1024 / 1024 + " MiB");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new IOException("the download was cancelled");
            }
            out.write(buffer, 0, read);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
