package io.nomadiis.driver.task;

import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real host with an outage switch: while {@link #down} is set, what W3SVC being stopped looks like on Windows
 * (windows-iis.md section 2): configuration still reads, runtime state does not ({@link PoolRuntime#unreadable}).
 * While {@link #stoppedByIis} holds a text, a pool the real host reports Stopped carries it as its
 * {@link PoolRuntime#failure()}, as the Windows host reports a pool IIS stopped (with WAS's reason). Also counts
 * runtime reads. A fault-injecting wrapper around a real implementation, not a double of our code.
 */
final class OutageHost {
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicReference<String> stoppedByIis = new AtomicReference<>();
    final AtomicInteger runtimeReads = new AtomicInteger();
    final IisHost host;

    OutageHost(IisHost real) {
        this.host = (IisHost) Proxy.newProxyInstance(
                IisHost.class.getClassLoader(), new Class<?>[] {IisHost.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("poolRuntimes")) {
                        runtimeReads.incrementAndGet();
                        if (down.get()) {
                            Map<String, PoolRuntime> unreadable = new LinkedHashMap<>();
                            for (Object pool : (Collection<?>) args[0]) {
                                PoolRuntime now = real.poolRuntime((String) pool);
                                unreadable.put(
                                        (String) pool,
                                        now.presence() == PoolRuntime.Presence.ABSENT
                                                ? now
                                                : PoolRuntime.unreadable((String) pool));
                            }
                            return unreadable;
                        }
                        String reason = stoppedByIis.get();
                        if (reason != null) {
                            Map<String, PoolRuntime> read = new LinkedHashMap<>();
                            for (Object pool : (Collection<?>) args[0]) {
                                PoolRuntime now = real.poolRuntime((String) pool);
                                read.put(
                                        (String) pool,
                                        now.state() == PoolState.STOPPED
                                                ? new PoolRuntime(
                                                        now.name(),
                                                        now.state(),
                                                        now.workerPids(),
                                                        reason,
                                                        now.presence())
                                                : now);
                            }
                            return read;
                        }
                    }
                    if (name.equals("poolRuntime")) {
                        runtimeReads.incrementAndGet();
                        if (down.get()) {
                            return PoolRuntime.unreadable((String) args[0]);
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
