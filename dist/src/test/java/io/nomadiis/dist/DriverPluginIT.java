package io.nomadiis.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.nomadiis.proto.base.ConfigSchemaRequest;
import io.nomadiis.proto.base.PluginInfoRequest;
import io.nomadiis.proto.base.PluginInfoResponse;
import io.nomadiis.proto.base.PluginType;
import io.nomadiis.proto.base.SetConfigRequest;
import io.nomadiis.proto.drivers.CapabilitiesRequest;
import io.nomadiis.proto.drivers.DriverCapabilities;
import io.nomadiis.proto.drivers.FingerprintRequest;
import io.nomadiis.proto.drivers.FingerprintResponse;
import io.nomadiis.proto.drivers.InitRequest;
import io.nomadiis.proto.drivers.TaskConfigSchemaRequest;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Nomad's BasePlugin and the plugin-level Driver RPCs, called on the packaged binary over its printed address. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DriverPluginIT {

    private static PluginProcess plugin;

    @BeforeAll
    static void launch() throws Exception {
        plugin = PluginProcess.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        plugin.close();
    }

    @Test
    void pluginInfo_always_describesTheIisDriver() {
        PluginInfoResponse info = plugin.base().pluginInfo(PluginInfoRequest.getDefaultInstance());
        assertThat(info.getType()).isEqualTo(PluginType.DRIVER);
        assertThat(info.getName()).isEqualTo("iis");
        assertThat(info.getPluginApiVersionsList()).containsExactly("v0.1.0");
        assertThat(info.getPluginVersion())
                .as("this project's own version, not the C# plugin's release it replaces")
                .isEqualTo(System.getProperty("nomad_iis.project_version"))
                .matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
    }

    @Test
    void configSchema_always_returnsAnObjectSpec() {
        assertThat(plugin.base()
                        .configSchema(ConfigSchemaRequest.getDefaultInstance())
                        .getSpec()
                        .hasObject())
                .isTrue();
    }

    @Test
    void setConfig_zeroLength_acceptedTwice() {
        SetConfigRequest request = SetConfigRequest.newBuilder()
                .setMsgpackConfig(ByteString.EMPTY)
                .setPluginApiVersion("v0.1.0")
                .build();
        plugin.base().setConfig(request);
        plugin.base().setConfig(request);
        assertThat(plugin.driver().init(InitRequest.getDefaultInstance())).isNotNull();
    }

    @Test
    void setConfig_garbage_invalidArgument() {
        SetConfigRequest request = SetConfigRequest.newBuilder()
                .setMsgpackConfig(ByteString.copyFrom(new byte[] {(byte) 0xc1, 0x00}))
                .build();
        assertThatThrownBy(() -> plugin.base().setConfig(request))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void taskConfigSchema_always_returnsASpec() {
        assertThat(plugin.driver()
                        .taskConfigSchema(TaskConfigSchemaRequest.getDefaultInstance())
                        .hasSpec())
                .isTrue();
    }

    @Test
    void capabilities_always_signalsNoExecNoIsolation() {
        DriverCapabilities capabilities = plugin.driver()
                .capabilities(CapabilitiesRequest.getDefaultInstance())
                .getCapabilities();
        assertThat(capabilities.getSendSignals()).isTrue();
        assertThat(capabilities.getExec()).isFalse();
        assertThat(capabilities.getFsIsolation()).isEqualTo(DriverCapabilities.FSIsolation.NONE);
        assertThat(capabilities.getMustCreateNetwork()).isFalse();
    }

    @Test
    void fingerprint_opened_sendsHealthyFirstMessageAndStaysOpen() throws Exception {
        QueueObserver<FingerprintResponse> observer = new QueueObserver<>();
        BlockingQueue<Object> events = observer.events;
        Context.CancellableContext context = Context.current().withCancellation();
        context.run(() -> plugin.driverAsync().fingerprint(FingerprintRequest.getDefaultInstance(), observer));
        try {
            Object first = events.poll(PluginProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).isInstanceOf(FingerprintResponse.class);
            FingerprintResponse fingerprint = (FingerprintResponse) first;
            assertThat(fingerprint.getHealth()).isEqualTo(FingerprintResponse.HealthState.HEALTHY);
            assertThat(fingerprint.getHealthDescription()).isEqualTo("Healthy");
            assertThat(fingerprint.getAttributesMap())
                    .containsKeys(
                            "driver.iis.version",
                            "driver.iis.iis_version",
                            "driver.iis.iis_aspnet_core_available",
                            "driver.iis.iis_rewrite_module_available",
                            "driver.iis.directory_security_enabled",
                            "driver.iis.target_websites_enabled",
                            "driver.iis.management_api_enabled",
                            "driver.iis.backend");
            assertThat(fingerprint.getAttributesMap().get("driver.iis.version").getStringVal())
                    .isEqualTo(System.getProperty("nomad_iis.project_version"));
            assertThat(fingerprint.getAttributesMap().get("driver.iis.backend").getStringVal())
                    .isEqualTo("portable");
            assertThat(fingerprint
                            .getAttributesMap()
                            .get("driver.iis.management_api_enabled")
                            .getBoolVal())
                    .isFalse();
            // the stream neither ends nor fails while idle (the default interval is 30 s)
            assertThat(events.poll(3, TimeUnit.SECONDS)).isNull();
        } finally {
            context.cancel(null);
        }
    }
}
