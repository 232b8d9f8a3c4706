package io.nomadiis.driver.plugin;

import io.grpc.stub.StreamObserver;
import io.nomadiis.proto.goplugin.Empty;
import io.nomadiis.proto.goplugin.GRPCControllerGrpc;

/**
 * go-plugin's {@code plugin.GRPCController}. Nomad calls {@code Shutdown} on every kill of the plugin
 * and force-kills the process if it has not exited 2 s later: reply first, then shut down.
 */
final class ControllerService extends GRPCControllerGrpc.GRPCControllerImplBase {

    private final Runnable shutdown;

    ControllerService(Runnable shutdown) {
        this.shutdown = shutdown;
    }

    /** Replies, then stops the server and exits the JVM within 2 s. */
    @Override
    public void shutdown(Empty request, StreamObserver<Empty> response) {
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
        shutdown.run();
    }
}
