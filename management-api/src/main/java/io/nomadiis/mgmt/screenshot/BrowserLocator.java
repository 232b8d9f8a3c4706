package io.nomadiis.mgmt.screenshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a Chromium-family browser on the host, so screenshots never download one: the configured
 * executable first, then Debian/Ubuntu Chromium, Google Chrome, and on Windows Chrome and Edge.
 */
public final class BrowserLocator {
    private BrowserLocator() {}

    /** The executable to launch, if one is found. */
    public static Optional<Path> find(Path configured) {
        if (configured != null) {
            return Files.isExecutable(configured) ? Optional.of(configured) : Optional.empty();
        }
        return candidates().stream().filter(Files::isExecutable).findFirst();
    }

    /** Where browsers are looked for on this OS, in order. */
    static List<Path> candidates() {
        List<Path> list = new ArrayList<>();
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            for (String env : new String[] {"ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"}) {
                String base = System.getenv(env);
                if (base != null) {
                    list.add(Path.of(base, "Google", "Chrome", "Application", "chrome.exe"));
                    list.add(Path.of(base, "Microsoft", "Edge", "Application", "msedge.exe"));
                    list.add(Path.of(base, "Chromium", "Application", "chrome.exe"));
                }
            }
        } else if (os.contains("mac")) {
            list.add(Path.of("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"));
            list.add(Path.of("/Applications/Chromium.app/Contents/MacOS/Chromium"));
            list.add(Path.of("/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"));
        } else {
            for (String p : new String[] {
                "/usr/bin/chromium",
                "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome",
                "/usr/bin/google-chrome-stable",
                "/usr/bin/microsoft-edge",
                "/snap/bin/chromium"
            }) {
                list.add(Path.of(p));
            }
        }
        return list;
    }
}
