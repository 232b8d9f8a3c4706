package io.nomadiis.driver.task;

import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.PoolRuntime;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real host with an outage switch: while {@link #down} is set, what W3SVC being stopped looks like on Windows
 * (windows-iis.md section 2): configuration still reads, runtime state does not ({@link PoolRuntime#unreadable}).
 * Also counts runtime reads. A fault-injecting wrapper around a real implementation, not a double of our code.
 */
final class OutageHost {
    final AtomicBoolean down = new AtomicBoolean();
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
