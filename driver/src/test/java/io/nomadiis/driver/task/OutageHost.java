package io.nomadiis.driver.task;

import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import io.nomadiis.testing.ForwardingIisHost;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * A real host with an outage switch: while {@link #down} is set, what W3SVC being stopped looks like on Windows
 * (windows-iis.md section 2): configuration still reads, runtime state does not ({@link PoolRuntime#unreadable}).
 * While {@link #stoppedByIis} holds a text, a pool the real host reports Stopped carries it as its
 * {@link PoolRuntime#failure()} in a snapshot, as the Windows host reports a pool IIS stopped (with WAS's
 * reason). Also counts runtime reads. A fault-injecting wrapper around a real implementation, not a double of
 * our code.
 */
final class OutageHost extends ForwardingIisHost {
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicReference<String> stoppedByIis = new AtomicReference<>();
    final AtomicInteger runtimeReads = new AtomicInteger();

    OutageHost(IisHost real) {
        super(real);
    }

    @Override
    public PoolRuntime poolRuntime(String poolName) {
        runtimeReads.incrementAndGet();
        return down.get() ? PoolRuntime.unreadable(poolName) : real.poolRuntime(poolName);
    }

    @Override
    public Map<String, PoolRuntime> poolRuntimes(Collection<String> poolNames) {
        runtimeReads.incrementAndGet();
        String reason = stoppedByIis.get();
        BiFunction<String, PoolRuntime, PoolRuntime> fault;
        if (down.get()) {
            fault = (name, now) -> now.presence() == PoolRuntime.Presence.ABSENT ? now : PoolRuntime.unreadable(name);
        } else if (reason != null) {
            fault = (name, now) -> now.state() == PoolState.STOPPED
                    ? new PoolRuntime(now.name(), now.state(), now.workerPids(), reason, now.presence())
                    : now;
        } else {
            return real.poolRuntimes(poolNames);
        }
        Map<String, PoolRuntime> read = new LinkedHashMap<>();
        real.poolRuntimes(poolNames).forEach((name, now) -> read.put(name, fault.apply(name, now)));
        return read;
    }
}
