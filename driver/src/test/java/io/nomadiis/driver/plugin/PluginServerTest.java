package io.nomadiis.driver.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.nomadiis.driver.ActivePluginConfig;
import io.nomadiis.driver.grpc.BasePluginService;
import io.nomadiis.driver.grpc.ConfigSchemas;
import io.nomadiis.proto.base.BasePluginGrpc;
import io.nomadiis.proto.base.PluginInfoRequest;
import io.nomadiis.proto.base.PluginInfoResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PluginServerTest {

    @Test
    void serve_callArrivedBeforeServicesRegistered_waitsThenSucceeds() throws Exception {
        ShutdownSequence shutdown = new ShutdownSequence(() -> {}, () -> {});
        PluginServer server = PluginServer.start(new ListenPorts(0, 0, 0), shutdown);
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
        try {
            assertThat(server.handshakeLine()).isEqualTo("1|2|tcp|127.0.0.1:" + server.port() + "|grpc|");
            CompletableFuture<PluginInfoResponse> info =
                    CompletableFuture.supplyAsync(() -> BasePluginGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(60, TimeUnit.SECONDS)
                            .pluginInfo(PluginInfoRequest.getDefaultInstance()));
            Thread.sleep(300);
            assertThat(info).isNotDone();
            ConfigSchemas schemas = new ConfigSchemas();
            server.serve(
                    List.of(new BasePluginService(schemas, new ActivePluginConfig(schemas.defaultPluginConfig()))));
            assertThat(info.get(60, TimeUnit.SECONDS).getName()).isEqualTo("iis");
        } finally {
            channel.shutdownNow();
            server.close();
        }
    }
}
