package io.nomadiis.mgmt.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A private folder inside the task directory where an upload lands before it is swapped into
 * place, so an incomplete or invalid upload changes nothing. Deleted on close.
 */
public final class Staging implements AutoCloseable {
    /** Name prefix of staging folders; folder listings, downloads and cleans leave them alone. */
    public static final String PREFIX = ".nomad-iis-upload-";

    private final Path dir;

    private Staging(Path dir) {
        this.dir = dir;
    }

    /** Creates a new staging folder under the task directory. */
    public static Staging create(Path taskDir) throws IOException {
        return new Staging(Files.createDirectory(taskDir.resolve(PREFIX + UUID.randomUUID())));
    }

    /** Whether a path is (inside) a staging folder's top level entry. */
    public static boolean isStaging(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(PREFIX);
    }

    /** Where the raw body goes. */
    public Path body() {
        return dir.resolve("body");
    }

    /** Where a zip body is extracted. */
    public Path tree() {
        return dir.resolve("tree");
    }

    @Override
    public void close() {
        try {
            Trees.deleteRecursively(dir);
        } catch (IOException e) {
            System.getLogger(Staging.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "failed to delete upload staging folder " + dir + ": " + e.getMessage());
        }
    }
}
