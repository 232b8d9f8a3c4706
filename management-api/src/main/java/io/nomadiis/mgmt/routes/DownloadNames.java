package io.nomadiis.mgmt.routes;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * File names of screenshots and process dumps, as the C# plugin names them
 * ({@code ManagementApiController}:
 * {@code screenshot_{allocId}_{taskName}_{DateTime.Now:yyyy-MM-dd-HH-mm-ss}.png} and
 * {@code procdump_..._....dmp}; local time of the host).
 */
final class DownloadNames {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", java.util.Locale.ROOT);

    private DownloadNames() {}

    static String screenshot(String allocId, String taskName, LocalDateTime now) {
        return "screenshot_" + allocId + "_" + taskName + "_" + STAMP.format(now) + ".png";
    }

    static String procdump(String allocId, String taskName, LocalDateTime now) {
        return "procdump_" + allocId + "_" + taskName + "_" + STAMP.format(now) + ".dmp";
    }
}
