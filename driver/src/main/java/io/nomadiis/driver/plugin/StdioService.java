package io.nomadiis.driver.plugin;

import com.google.protobuf.Empty;
import io.grpc.stub.StreamObserver;
import io.nomadiis.proto.goplugin.GRPCStdioGrpc;
import io.nomadiis.proto.goplugin.StdioData;

/**
 * go-plugin's {@code plugin.GRPCStdio}. The host opens the stream right after connecting; Nomad
 * discards the data, so the stream is accepted and stays idle until the host cancels it or the
 * server stops.
 */
final class StdioService extends GRPCStdioGrpc.GRPCStdioImplBase {

    /** Accepts the stream and sends nothing. */
    @Override
    public void streamStdio(Empty request, StreamObserver<StdioData> response) {
        // intentionally idle: the call ends when the client cancels it
    }
}
