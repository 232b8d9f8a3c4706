package io.nomadiis.iis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An app pool to create. Nullable fields mean "leave the IIS default".
 *
 * @param name full IIS pool name
 * @param identity process identity
 * @param username user for {@link PoolIdentity#SPECIFIC_USER}, else null
 * @param password password for the user, or null (gMSA accounts have none); never logged
 * @param pipelineMode managed pipeline mode, or null
 * @param managedRuntimeVersion {@code v4.0}, {@code v2.0}, {@code ""} (no managed code), or null
 * @param enable32BitAppOnWin64 or null
 * @param startMode or null
 * @param idleTimeout {@code processModel.idleTimeout}, or null
 * @param disableOverlappedRecycle {@code recycling.disallowOverlappingRotation}, or null
 * @param periodicRestart {@code recycling.periodicRestart.time}, or null
 * @param serviceUnavailableResponse or null (IIS default: HTTP level)
 * @param queueLength or null
 * @param startTimeLimit {@code processModel.startupTimeLimit}, or null
 * @param shutdownTimeLimit {@code processModel.shutdownTimeLimit}, or null
 * @param environment environment variables of the worker processes
 * @param extensions extra attributes on the pool element
 * @param stdoutPath where the worker's standard output goes (the task's stdout sink), or null to discard
 * @param stderrPath where the worker's standard error goes, or null to discard
 */
public record AppPoolSpec(
        String name,
        PoolIdentity identity,
        String username,
        String password,
        PipelineMode pipelineMode,
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
        Map<String, String> environment,
        List<Extension> extensions,
        Path stdoutPath,
        Path stderrPath) {

    public AppPoolSpec {
        environment = Map.copyOf(environment);
        extensions = List.copyOf(extensions);
    }

    @Override
    public String toString() {
        return "AppPoolSpec[name=" + name + ", identity=" + identity + ", username=" + username + ", password="
                + (password == null ? "null" : "(redacted)") + "]";
    }
}
