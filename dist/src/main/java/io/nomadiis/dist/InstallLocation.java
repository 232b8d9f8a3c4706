package io.nomadiis.dist;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the running binary is installed. The POSIX launcher passes its own resolved path as system
 * property {@code nomad_iis.launcher}; a jpackage launcher (Windows) sets {@code jpackage.app-path}.
 * Without either (e.g. in an IDE) the working directory stands in.
 */
final class InstallLocation {

    private InstallLocation() {}

    /** The directory holding the {@code nomad_iis} binary. */
    static Path binaryDir() {
        for (String property : new String[] {"nomad_iis.launcher", "jpackage.app-path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isBlank()) {
                Path parent = Path.of(value).toAbsolutePath().getParent();
                if (parent != null && Files.isDirectory(parent)) {
                    return parent;
                }
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** The default state directory: {@code state} beside the binary. */
    static Path defaultStateDir() {
        return binaryDir().resolve("state");
    }
}
