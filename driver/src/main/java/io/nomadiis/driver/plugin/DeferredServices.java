package io.nomadiis.driver.plugin;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.grpc.BindableService;
import io.grpc.HandlerRegistry;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The Nomad services, registered after the handshake line is out: building them (protobuf
 * descriptors, config specs, the driver core) is not needed to bind and announce, and the handshake
 * must be fast. A call that arrives before they are registered waits for them instead of failing.
 *
 * <p>Threads: {@link #register} runs once on the plugin's main thread after the handshake;
 * {@link #lookupMethod} and {@link #getServices} are called by gRPC's threads and may wait (bounded) for
 * the registration. The service list is guarded by its own monitor, the method map is concurrent.
 */
final class DeferredServices extends HandlerRegistry {

    private static final long MAX_WAIT_SECONDS = 60;

    private final Map<String, ServerMethodDefinition<?, ?>> methods = new ConcurrentHashMap<>();

    @GuardedBy("services")
    private final List<ServerServiceDefinition> services = new ArrayList<>();

    private final CountDownLatch ready = new CountDownLatch(1);

    /** Registers the services and releases waiting calls; with an empty list, waiting calls get UNIMPLEMENTED. */
    void register(List<BindableService> bindable) {
        try {
            for (BindableService service : bindable) {
                ServerServiceDefinition definition = service.bindService();
                for (ServerMethodDefinition<?, ?> method : definition.getMethods()) {
                    methods.put(method.getMethodDescriptor().getFullMethodName(), method);
                }
                synchronized (services) {
                    services.add(definition);
                }
            }
        } finally {
            ready.countDown();
        }
    }

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
        try {
            ready.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return methods.get(methodName);
    }

    @Override
    public List<ServerServiceDefinition> getServices() {
        synchronized (services) {
            return List.copyOf(services);
        }
    }
}
