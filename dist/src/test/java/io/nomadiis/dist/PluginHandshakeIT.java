package io.nomadiis.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import io.grpc.Context;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.stub.StreamObserver;
import io.nomadiis.proto.goplugin.ConnInfo;
import io.nomadiis.proto.goplugin.GRPCBrokerGrpc;
import io.nomadiis.proto.goplugin.GRPCStdioGrpc;
import io.nomadiis.proto.goplugin.StdioData;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The go-plugin side of the packaged binary: handshake line, health, stdio, broker, ports. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PluginHandshakeIT {

    @Test
    void launch_nomadEnvironment_printsHandshakeWithPortInRange() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch()) {
            assertThat(plugin.handshakeLine()).matches("1\\|2\\|tcp\\|127\\.0\\.0\\.1:\\d+\\|grpc\\|");
            assertThat(plugin.port()).isBetween(10000, 25000);
        }
    }

    @Test
    void health_pluginAndDefaultService_serving() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch()) {
            assertThat(plugin.healthOf("plugin")).isEqualTo(ServingStatus.SERVING);
            assertThat(plugin.healthOf("")).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void stdioAndBroker_opened_stayIdleUntilCancelled() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch()) {
            CompletableFuture<Object> stdioEnd = new CompletableFuture<>();
            Context.CancellableContext context = Context.current().withCancellation();
            context.run(() -> GRPCStdioGrpc.newStub(plugin.channel())
                    .streamStdio(Empty.getDefaultInstance(), observer(stdioEnd)));
            CompletableFuture<Object> brokerEnd = new CompletableFuture<>();
            StreamObserver<ConnInfo> broker =
                    GRPCBrokerGrpc.newStub(plugin.channel()).startStream(observer(brokerEnd));
            broker.onNext(ConnInfo.newBuilder().setServiceId(1).build());

            // both calls are accepted and neither ends on its own while the plugin answers other calls
            assertThat(plugin.healthOf("plugin")).isEqualTo(ServingStatus.SERVING);
            assertThat(stdioEnd).isNotDone();
            assertThat(brokerEnd).isNotDone();

            broker.onCompleted();
            assertThat(brokerEnd.get(30, TimeUnit.SECONDS)).isEqualTo("completed");
            context.cancel(null);
        }
    }

    @Test
    void portArgument_givenFreePort_bindsExactlyThatPort() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        try (PluginProcess plugin = PluginProcess.launch(List.of("--port=" + free), Map.of())) {
            assertThat(plugin.port()).isEqualTo(free);
        }
    }

    @Test
    void portArgument_zero_bindsAnEphemeralPort() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch(List.of("--port=0"), Map.of())) {
            assertThat(plugin.port()).isPositive();
            assertThat(plugin.healthOf("plugin")).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void launch_withoutPortRange_bindsAnEphemeralPort() throws Exception {
        try (PluginProcess plugin =
                PluginProcess.launch(List.of(), Map.of("PLUGIN_MIN_PORT", "", "PLUGIN_MAX_PORT", ""))) {
            assertThat(plugin.healthOf("plugin")).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void twoLaunches_sameRange_getDifferentPorts() throws Exception {
        try (PluginProcess first = PluginProcess.launch();
                PluginProcess second = PluginProcess.launch()) {
            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(second.healthOf("plugin")).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void stderr_startup_logsHclogJsonWithAddress() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch()) {
            String line = plugin.awaitStderr(l -> l.contains("plugin started"), Duration.ofSeconds(30));
            assertThat(line)
                    .contains("\"@level\":\"info\"")
                    .contains("\"address\":\"127.0.0.1:" + plugin.port() + "\"");
            assertThat(PluginProcess.hclogProblem(line)).isNull();
        }
    }

    private static <T> StreamObserver<T> observer(CompletableFuture<Object> end) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                end.complete("message " + value);
            }

            @Override
            public void onError(Throwable t) {
                end.complete(t);
            }

            @Override
            public void onCompleted() {
                end.complete("completed");
            }
        };
    }

    @SuppressWarnings("unused")
    private static final Class<?> STDIO_DATA = StdioData.class;
}
