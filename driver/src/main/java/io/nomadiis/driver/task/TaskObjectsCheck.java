package io.nomadiis.driver.task;

import io.nomadiis.driver.task.state.DriverState;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.SiteSpec;
import java.util.Map;
import java.util.Optional;

/**
 * The one check of a task's objects on the host, shared by the task watcher and RecoverTask. Absent is not
 * unreadable (windows-iis.md section 2): an object is absent only when the host's configuration no longer has it;
 * when the host cannot be read (W3SVC restarting, {@code iisreset}, a boot where Nomad starts first, an RPC
 * failure) the verdict is {@link Verdict.Unreadable} and the caller waits. Runs on the caller's thread (the
 * driver's scheduler or an RPC thread), never an event loop.
 */
final class TaskObjectsCheck {
    private TaskObjectsCheck() {}

    /** What the host says about a task's objects. */
    sealed interface Verdict {
        /** Everything is there and readable. */
        record Present(Optional<SiteSpec> site) implements Verdict {}

        /** An object is gone from the configuration. */
        record Absent(String why) implements Verdict {}

        /** The host cannot tell now. */
        record Unreadable(String why) implements Verdict {}

        /** A pool the host stopped although the driver wanted it running (rapid-fail protection, an administrator). */
        record StoppedByHost(String pool, String why) implements Verdict {}
    }

    /** Checks the site, the task's applications in a site it does not own, and its pools (one runtime snapshot). */
    static Verdict check(IisHost host, DriverState state) {
        String siteName = state.websiteName();
        Optional<SiteSpec> site;
        Map<String, PoolRuntime> pools;
        try {
            site = host.site(siteName);
            if (site.isEmpty()) {
                return new Verdict.Absent("website \"" + siteName + "\" no longer exists");
            }
            if (!state.ownsWebsite()) {
                for (String path : state.applicationPaths()) {
                    if (site.get().applications().stream()
                            .noneMatch(a -> a.path().equalsIgnoreCase(path))) {
                        return new Verdict.Absent(
                                "application \"" + path + "\" no longer exists in website \"" + siteName + "\"");
                    }
                }
            }
            pools = host.poolRuntimes(state.appPools().values());
        } catch (RuntimeException e) {
            return new Verdict.Unreadable("the web server cannot be read: " + e.getMessage());
        }
        for (PoolRuntime pool : pools.values()) {
            switch (pool.presence()) {
                case ABSENT -> {
                    return new Verdict.Absent("application pool \"" + pool.name() + "\" no longer exists");
                }
                case UNREADABLE -> {
                    return new Verdict.Unreadable(
                            "the state of application pool \"" + pool.name() + "\" cannot be read (is W3SVC running?)");
                }
                default -> {}
            }
        }
        for (PoolRuntime pool : pools.values()) {
            if (pool.failure() != null) {
                return new Verdict.StoppedByHost(pool.name(), pool.failure());
            }
        }
        return new Verdict.Present(site);
    }
}
