package io.nomadiis.driver.plugin;

import io.grpc.stub.StreamObserver;
import io.nomadiis.proto.goplugin.ConnInfo;
import io.nomadiis.proto.goplugin.GRPCBrokerGrpc;

/**
 * go-plugin's {@code plugin.GRPCBroker}. The host opens the stream right after connecting and never
 * uses it for Nomad drivers: accepted, incoming messages ignored, closed when the host closes it.
 */
final class BrokerService extends GRPCBrokerGrpc.GRPCBrokerImplBase {

    /** Accepts the stream; ends it when the host ends its side. */
    @Override
    public StreamObserver<ConnInfo> startStream(StreamObserver<ConnInfo> response) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ConnInfo value) {
                // no sub-plugins are brokered
            }

            @Override
            public void onError(Throwable t) {
                // the host went away
            }

            @Override
            public void onCompleted() {
                response.onCompleted();
            }
        };
    }
}
