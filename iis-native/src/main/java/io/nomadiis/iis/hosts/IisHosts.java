package io.nomadiis.iis.hosts;

import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.portable.PortableIisHost;
import io.nomadiis.iis.windows.WindowsIisHost;
import io.nomadiis.log.LogField;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Chooses the {@link IisHost} for this machine, once, at plugin start: the Windows host (IIS through
 * AHADMIN) on Windows when IIS is installed, else the portable host. The system property
 * {@value #BACKEND_PROPERTY} or the environment variable {@value #BACKEND_ENV} ({@code portable} or
 * {@code windows}) forces a choice; a forced {@code windows} on a machine without IIS falls back to the
 * portable host with a warning. Why the Windows host was not chosen is logged at debug.
 */
public final class IisHosts {
    /** System property that forces the backend. */
    public static final String BACKEND_PROPERTY = "nomadiis.backend";
    /** Environment variable that forces the backend (the system property wins). */
    public static final String BACKEND_ENV = "NOMAD_IIS_BACKEND";

    private static final System.Logger LOG = System.getLogger(IisHosts.class.getName());

    private IisHosts() {}

    /**
     * The host for this machine, keeping its state under {@code stateDir} (the Windows host under
     * {@code <stateDir>/windows}); cheap (starts no process).
     */
    public static IisHost create(Path stateDir) {
        String forced = System.getProperty(BACKEND_PROPERTY, System.getenv(BACKEND_ENV));
        String cause = WindowsIisHost.unavailabilityCause();
        return choose(forced, cause).equals("windows")
                ? new WindowsIisHost(stateDir.resolve("windows"))
                : new PortableIisHost(stateDir);
    }

    /**
     * The backend name for a forced choice (or null) and the Windows host's unavailability cause (null when available).
     *
     * @throws IllegalArgumentException for a forced value that is neither {@code portable} nor {@code windows}
     */
    static String choose(String forced, String windowsUnavailable) {
        String wanted = forced == null || forced.isBlank() ? "" : forced.trim().toLowerCase(Locale.ROOT);
        if (!wanted.isEmpty() && !wanted.equals("portable") && !wanted.equals("windows")) {
            throw new IllegalArgumentException(BACKEND_ENV + " / -D" + BACKEND_PROPERTY
                    + " must be \"portable\" or \"windows\", not \"" + forced + "\"");
        }
        if (wanted.equals("portable")) {
            return "portable";
        }
        if (windowsUnavailable == null) {
            return "windows";
        }
        LOG.log(
                wanted.equals("windows") ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                "the Windows IIS host is not available; using the portable host",
                LogField.error(windowsUnavailable));
        return "portable";
    }
}
