package io.nomadiis.driver.config;

import io.nomadiis.iis.Extension;
import io.nomadiis.iis.PipelineMode;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.ServiceUnavailableResponse;
import io.nomadiis.iis.StartMode;
import java.time.Duration;
import java.util.List;

/**
 * An {@code application_pool} block. Nullable fields were absent and leave the IIS default.
 *
 * @param name alias, at most 8 characters, unique per task; {@code default} when absent
 * @param identity defaults to {@code ApplicationPoolIdentity}
 * @param managedRuntimeVersion {@code v4.0}, {@code v2.0} or {@code ""} (from {@code None}), or null
 */
public record AppPoolConfig(
        String name,
        PoolIdentity identity,
        String username,
        String password,
        PipelineMode managedPipelineMode,
        String managedRuntimeVersion,
        Boolean enable32BitAppOnWin64,
        StartMode startMode,
        Duration idleTimeout,
        Boolean disableOverlappedRecycle,
        Duration periodicRestart,
        ServiceUnavailableResponse serviceUnavailableResponse,
        Long queueLength,
        Duration startTimeLimit,
        Duration shutdownTimeLimit,
        List<Extension> extensions) {
    public AppPoolConfig {
        extensions = List.copyOf(extensions);
    }

    @Override
    public String toString() {
        return "AppPoolConfig[name=" + name + ", identity=" + identity + ", username=" + username + ", password="
                + (password == null ? "null" : "(redacted)") + "]";
    }
}
