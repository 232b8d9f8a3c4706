package io.nomadiis.iis.portable.service;

import io.nomadiis.log.LogField;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Recursive deletion of the service's own directories (pool dirs, temporary key stores). */
final class FileTrees {
    private static final System.Logger LOG = System.getLogger(FileTrees.class.getName());

    private FileTrees() {}

    /** Deletes a directory tree, best effort (what cannot be deleted is logged at debug level). */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            "cannot delete",
                            LogField.path(path),
                            LogField.error(e.getMessage()));
                }
            });
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot delete", LogField.path(dir), LogField.error(e.getMessage()));
        }
    }
}
