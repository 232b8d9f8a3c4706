package io.nomadiis.driver.task;

import io.nomadiis.driver.task.state.DriverState;
import io.nomadiis.driver.task.state.DriverStateCodec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.PoolState;
import io.nomadiis.iis.SiteSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The RecoverTask flow: decode the handle's driver state (ours or the C# plugin's), check that the site,
 * the task's applications and pools still exist, and rebuild the handle.
 */
final class TaskRecovery {

    private final Supplier<IisHost> host;

    TaskRecovery(Supplier<IisHost> host) {
        this.host = host;
    }

    RunningTask recover(TaskRequest request, int handleVersion, byte[] driverState) throws DriverException {
        String taskId = request.taskId();
        DriverState state = DriverStateCodec.decode(
                handleVersion,
                driverState,
                taskId,
                request.allocDir(),
                request.identity().taskName());
        if (DriverState.FORMAT_CSHARP.equals(state.format())) {
            state = withSinks(state, request);
        }
        Optional<SiteSpec> site = host.get().site(state.websiteName());
        if (site.isEmpty()) {
            throw gone(taskId, "website \"" + state.websiteName() + "\" no longer exists");
        }
        if (!state.ownsWebsite()) {
            for (String path : state.applicationPaths()) {
                if (site.get().applications().stream().noneMatch(a -> a.path().equalsIgnoreCase(path))) {
                    throw gone(
                            taskId,
                            "application \"" + path + "\" no longer exists in website \"" + state.websiteName() + "\"");
                }
            }
        }
        for (String pool : state.appPools().values()) {
            if (host.get().poolRuntime(pool).state() == PoolState.UNKNOWN) {
                throw gone(taskId, "application pool \"" + pool + "\" no longer exists");
            }
        }
        List<BindingSpec> bindings =
                state.bindings().isEmpty() && state.ownsWebsite() ? site.get().bindings() : state.bindings();
        return new RunningTask(request, state, true, bindings);
    }

    private static DriverException gone(String taskId, String why) {
        return new DriverException(DriverException.Kind.FAILED, "cannot recover task " + taskId + ": " + why);
    }

    private static DriverState withSinks(DriverState s, TaskRequest request) {
        Path allocDir = request.allocDir().toAbsolutePath();
        return s.toBuilder()
                .allocDir(allocDir.toString())
                .taskDir(allocDir.resolve(request.identity().taskName()).toString())
                .stdoutPath(request.stdoutPath())
                .stderrPath(request.stderrPath())
                .build();
    }
}
