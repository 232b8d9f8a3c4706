package io.nomadiis.driver.task;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How the driver core runs in this process.
 *
 * @param stateDir the plugin's state directory (log offsets live under {@code <stateDir>/log-offsets})
 * @param pluginEnv the plugin process's environment (kept out of the pools' environment)
 * @param watchInterval how often running tasks' sites and pools are checked
 * @param recoveryWait how long RecoverTask waits for a web server that cannot be read yet (W3SVC starting)
 */
public record DriverSettings(
        Path stateDir, Map<String, String> pluginEnv, Duration watchInterval, Duration recoveryWait) {
    /** The default {@link #recoveryWait()}: W3SVC usually answers within seconds of its start. */
    public static final Duration RECOVERY_WAIT = Duration.ofSeconds(20);

    public DriverSettings {
        pluginEnv = Map.copyOf(pluginEnv);
    }

    /** Settings with the default recovery wait. */
    public DriverSettings(Path stateDir, Map<String, String> pluginEnv, Duration watchInterval) {
        this(stateDir, pluginEnv, watchInterval, RECOVERY_WAIT);
    }

    /** Settings for this process: its environment and a 3 s watch interval. */
    public static DriverSettings of(Path stateDir) {
        return new DriverSettings(stateDir, System.getenv(), Duration.ofSeconds(3));
    }
}
