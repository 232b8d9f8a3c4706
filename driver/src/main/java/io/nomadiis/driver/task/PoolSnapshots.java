package io.nomadiis.driver.task;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.PoolRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One runtime snapshot of the pools of all running tasks, shared by every task's stats stream: at most one
 * {@link IisHost#poolRuntimes} call per interval, so the cost of stats grows with the number of pools, not with
 * tasks times sites. Called from the driver's scheduler threads; the refresh is serialised.
 */
final class PoolSnapshots {
    private final Supplier<IisHost> host;
    private final TaskRegistry registry;

    @GuardedBy("this")
    private Map<String, PoolRuntime> snapshot = Map.of();

    @GuardedBy("this")
    private long takenAt;

    PoolSnapshots(Supplier<IisHost> host, TaskRegistry registry) {
        this.host = host;
        this.registry = registry;
    }

    /** The worker PIDs of the pools, from a snapshot at most {@code maxAge} old. */
    synchronized List<Long> workerPids(Collection<String> pools, Duration maxAge) {
        if (System.nanoTime() - takenAt > maxAge.toNanos() || !snapshot.keySet().containsAll(pools)) {
            Set<String> all = new LinkedHashSet<>(pools);
            for (RunningTask handle : registry.handles()) {
                if (handle.running()) {
                    all.addAll(handle.state().appPools().values());
                }
            }
            snapshot = host.get().poolRuntimes(all);
            takenAt = System.nanoTime();
        }
        List<Long> pids = new ArrayList<>();
        for (String pool : pools) {
            PoolRuntime runtime = snapshot.get(pool);
            if (runtime != null) {
                runtime.workerPids().stream().filter(p -> !pids.contains(p)).forEach(pids::add);
            }
        }
        return pids;
    }
}
