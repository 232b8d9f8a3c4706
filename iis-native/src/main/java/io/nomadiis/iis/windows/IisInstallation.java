package io.nomadiis.iis.windows;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where IIS and its optional modules live on a Windows machine, computed from the environment
 * ({@code windir}/{@code SystemRoot}, {@code ProgramFiles}) so the paths can be checked on any OS.
 *
 * @param ahadmin {@code %windir%\system32\inetsrv\ahadmin.dll}: AHADMIN, present when IIS is installed
 * @param inetMgr {@code %windir%\system32\inetsrv\InetMgr.exe}: its product version is the IIS version
 * @param aspNetCoreModule {@code %ProgramFiles%\IIS\Asp.Net Core Module\V2\aspnetcorev2.dll}
 * @param rewriteModule {@code %windir%\system32\inetsrv\rewrite.dll}
 */
public record IisInstallation(Path ahadmin, Path inetMgr, Path aspNetCoreModule, Path rewriteModule) {
    /** The paths for this environment (defaults {@code C:\Windows} and {@code C:\Program Files}). */
    public static IisInstallation of(Map<String, String> environment) {
        String windir = first(environment, "C:\\Windows", "windir", "SystemRoot");
        String programFiles = first(environment, "C:\\Program Files", "ProgramW6432", "ProgramFiles");
        String inetsrv = windir + "\\system32\\inetsrv\\";
        return new IisInstallation(
                Path.of(inetsrv + "ahadmin.dll"),
                Path.of(inetsrv + "InetMgr.exe"),
                Path.of(programFiles + "\\IIS\\Asp.Net Core Module\\V2\\aspnetcorev2.dll"),
                Path.of(inetsrv + "rewrite.dll"));
    }

    private static String first(Map<String, String> environment, String fallback, String... names) {
        for (String name : names) {
            for (Map.Entry<String, String> entry : environment.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)
                        && entry.getValue() != null
                        && !entry.getValue().isBlank()) {
                    return trimSeparator(entry.getValue().trim());
                }
            }
        }
        return fallback;
    }

    private static String trimSeparator(String path) {
        return path.endsWith("\\") ? path.substring(0, path.length() - 1) : path;
    }
}
