package io.nomadiis.iis.portable.service;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.nomadiis.files.AtomicFiles;
import io.nomadiis.iis.portable.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Holds the current {@link HostConfiguration} and persists every change atomically to
 * {@code config.json}; an empty configuration deletes the file. The service is its only writer.
 *
 * <p>Threads: the service's {@code control-*} threads (operations, serialised by the application host) and
 * {@code portable-host-*} background threads recording pool failures; reads and updates hold this object's
 * monitor; an update holds it while it computes the new snapshot and writes the file.
 */
final class ConfigurationStore {
    private final Path file;

    @GuardedBy("this")
    private HostConfiguration current;

    @GuardedBy("this")
    private boolean persisting = true;

    private ConfigurationStore(Path file, HostConfiguration current) {
        this.file = file;
        this.current = current;
    }

    /** Loads the file, or starts empty when there is none. */
    static ConfigurationStore load(Path file) throws IOException {
        HostConfiguration config = Files.exists(file)
                ? Json.MAPPER.readValue(file.toFile(), HostConfiguration.class)
                : HostConfiguration.empty();
        return new ConfigurationStore(file, config);
    }

    synchronized HostConfiguration current() {
        return current;
    }

    /** Keeps later changes in memory only (the state dir was removed; writing would recreate it). */
    synchronized void stopPersisting() {
        persisting = false;
    }

    /** Applies a change to the latest configuration and persists the result before returning it. */
    synchronized HostConfiguration update(UnaryOperator<HostConfiguration> change) {
        HostConfiguration next = change.apply(current);
        if (!persisting) {
            current = next;
            return next;
        }
        try {
            if (next.isEmpty()) {
                Files.deleteIfExists(file);
            } else {
                AtomicFiles.write(
                        file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(next));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        current = next;
        return next;
    }
}
