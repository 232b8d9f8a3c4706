package io.nomadiis.mgmt.files;

import io.nomadiis.mgmt.http.ApiException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks caller-supplied relative paths before anything is opened: NUL bytes and names the file
 * system cannot hold (400; on Windows also names ending in a dot or a space, which Win32 path calls
 * silently strip, so {@code secrets.} would reach {@code secrets}); rooted, drive-rooted or UNC
 * paths, {@code ..} segments and (on Windows) colons (403). Backslashes count as separators, as on
 * Windows. Links are dealt with when the path is walked ({@link TaskFolders#walk}): they are never
 * followed.
 */
public final class TaskFileResolver {
    /** The task's secrets folder (Nomad's {@code secrets/}: workload identity, Vault tokens). */
    public static final String SECRETS = "secrets";

    private TaskFileResolver() {}

    /** The validated segments of a decoded relative path ({@code "."} and empty segments dropped). */
    public static List<String> segments(String decoded) {
        return segments(decoded, isWindows());
    }

    /** {@link #segments(String)} with Windows' rules or not. */
    static List<String> segments(String decoded, boolean windows) {
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
                if (s.indexOf(':') >= 0 && windows) {
                    throw ApiException.forbidden("path \"" + decoded + "\" contains a colon");
                }
                if (windows && (s.endsWith(".") || s.endsWith(" "))) {
                    // Win32 drops them ("secrets." opens "secrets"); the NT calls would create names Win32 cannot open
                    throw ApiException.badRequest("path \"" + decoded
                            + "\" has a name ending in a dot or a space, which Windows does not keep");
                }
                segments.add(s);
            }
        }
        return segments;
    }

    /** The validated segments of a path that must name something inside the task directory. */
    public static List<String> checkedSegments(String decoded) {
        List<String> segments = segments(decoded);
        for (String s : segments) {
            checkSegment(decoded, s);
        }
        return segments;
    }

    /** 400 when a segment is not a valid file name on this file system. */
    static void checkSegment(String shown, String segment) {
        try {
            Path unused = Path.of(segment); // parsing it is the check
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("path \"" + shown + "\" is not a valid file name here: " + e.getReason());
        }
    }

    /** Whether the path is in (or is) the task's {@code secrets} folder. */
    public static boolean inSecrets(List<String> segments) {
        return !segments.isEmpty() && isSecrets(segments.get(0));
    }

    /** Whether a top-level name is the secrets folder (case-insensitively: Windows folders are). */
    public static boolean isSecrets(String topLevelName) {
        return topLevelName.equalsIgnoreCase(SECRETS);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
