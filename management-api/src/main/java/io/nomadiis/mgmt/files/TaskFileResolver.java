package io.nomadiis.mgmt.files;

import io.nomadiis.mgmt.http.ApiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves caller-supplied relative paths under a task directory and refuses anything that could
 * leave it: NUL bytes (400); rooted, drive-rooted or UNC paths, {@code ..} segments, and paths
 * whose existing part runs through a symbolic link to outside the task directory (403).
 * Backslashes count as separators, as on Windows.
 */
public final class TaskFileResolver {
    private TaskFileResolver() {}

    /** The validated segments of a decoded relative path ({@code "."} and empty segments dropped). */
    public static List<String> segments(String decoded) {
        if (decoded.indexOf('\0') >= 0) {
            throw ApiException.badRequest("path contains a nul byte");
        }
        String path = decoded.replace('\\', '/');
        if (path.startsWith("/")) {
            throw ApiException.forbidden(
                    "path \"" + decoded + "\" is rooted; give a path relative to the task directory");
        }
        if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
            throw ApiException.forbidden(
                    "path \"" + decoded + "\" names a drive; give a path relative to the task directory");
        }
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.equals("..")) {
                throw ApiException.forbidden("path \"" + decoded + "\" contains a .. segment");
            }
            if (!s.isEmpty() && !s.equals(".")) {
                if (s.indexOf(':') >= 0 && isWindows()) {
                    throw ApiException.forbidden("path \"" + decoded + "\" contains a colon");
                }
                segments.add(s);
            }
        }
        return segments;
    }

    /** The path under {@code root} for a decoded relative path, checked against links leading out. */
    public static Path resolve(Path root, String decoded) {
        Path target = root;
        for (String s : segments(decoded)) {
            try {
                target = target.resolve(s);
            } catch (java.nio.file.InvalidPathException e) {
                throw ApiException.badRequest(
                        "path \"" + decoded + "\" is not a valid file name here: " + e.getReason());
            }
        }
        Path normalized = target.normalize();
        if (!normalized.startsWith(root.normalize())) {
            throw ApiException.forbidden("path \"" + decoded + "\" leaves the task directory");
        }
        checkInside(root, normalized);
        return normalized;
    }

    /**
     * Refuses the path if its deepest existing part (following links) lies outside the real root.
     * A dangling link at the end is allowed: it is replaced or removed, never followed.
     */
    public static void checkInside(Path root, Path target) {
        Path rootReal = realRoot(root);
        for (Path p = target; p != null && p.startsWith(root); p = p.getParent()) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Path real;
            try {
                real = p.toRealPath();
            } catch (IOException dangling) {
                continue;
            }
            if (!real.startsWith(rootReal)) {
                throw ApiException.forbidden(
                        "path \"" + root.relativize(target) + "\" runs through a link to outside the task directory");
            }
            return;
        }
    }

    /** The root's real path; 404 when the task directory is gone. */
    public static Path realRoot(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            throw ApiException.notFound("task directory " + root + " does not exist");
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .startsWith("windows");
    }
}
