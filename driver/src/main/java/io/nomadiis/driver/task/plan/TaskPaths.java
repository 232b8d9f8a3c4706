package io.nomadiis.driver.task.plan;

import io.nomadiis.driver.task.DriverException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Resolves the paths a job writes: absolute paths stay as they are, relative ones resolve under the task
 * directory {@code <allocDir>/<taskName>} and must stay inside it. Both {@code /} and {@code \} separate
 * path parts. Task sinks written as {@code //./pipe/...} become Windows' {@code \\.\pipe\...}.
 */
public final class TaskPaths {

    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[A-Za-z]:[\\\\/].*|^\\\\\\\\.*");
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private TaskPaths() {}

    /**
     * @param taskDir the task directory
     * @param what the block and attribute, for the error message (e.g. {@code application.path})
     * @param path the path as written in the job
     */
    public static Path resolve(Path taskDir, String what, String path) throws DriverException {
        if (path == null || path.isBlank()) {
            throw DriverException.invalid(what + " must not be empty");
        }
        String trimmed = path.trim();
        if (WINDOWS_ABSOLUTE.matcher(trimmed).matches()) {
            if (!WINDOWS) {
                throw DriverException.invalid(what + " \"" + path + "\" is a Windows path; on this host use a "
                        + "path relative to the task directory or an absolute path");
            }
            return Path.of(trimmed.replace('/', '\\')).normalize();
        }
        String portable = trimmed.replace('\\', '/');
        if (portable.startsWith("/")) {
            return Path.of(portable).normalize();
        }
        Path root = taskDir.toAbsolutePath().normalize();
        Path resolved = root.resolve(portable).normalize();
        if (!resolved.startsWith(root)) {
            throw DriverException.invalid(what + " \"" + path + "\" leaves the task directory");
        }
        return resolved;
    }

    /** The sink path Nomad gave, as a path this process can open; null when empty. */
    public static Path sink(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        if (path.startsWith("//./pipe/")) {
            return Path.of("\\\\.\\pipe\\" + path.substring("//./pipe/".length()));
        }
        return Path.of(path);
    }
}
