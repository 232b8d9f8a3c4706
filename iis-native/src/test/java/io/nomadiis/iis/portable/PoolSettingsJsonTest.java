package io.nomadiis.iis.portable;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.PipelineMode;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.ServiceUnavailableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pool settings cross the portable host's control hop and its state file keyed by IIS path, typed again on read. */
class PoolSettingsJsonTest {

    @Test
    void appPoolSpec_roundTrip_keepsEverySettingTyped() throws Exception {
        PoolSettings settings = PoolSettings.none()
                .with(PoolAttribute.MANAGED_PIPELINE_MODE, PipelineMode.CLASSIC)
                .with(PoolAttribute.MANAGED_RUNTIME_VERSION, "")
                .with(PoolAttribute.ENABLE_32BIT_APP_ON_WIN64, false)
                .with(PoolAttribute.IDLE_TIMEOUT, Duration.ofMinutes(5))
                .with(PoolAttribute.LOAD_BALANCER_CAPABILITIES, ServiceUnavailableResponse.TCP_LEVEL)
                .with(PoolAttribute.QUEUE_LENGTH, 4000L);
        AppPoolSpec spec = new AppPoolSpec(
                "p",
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                settings,
                Map.of("A", "1"),
                List.of(),
                null,
                null);

        String json = Json.MAPPER.writeValueAsString(spec);
        AppPoolSpec read = Json.MAPPER.readValue(json, AppPoolSpec.class);

        assertThat(json)
                .contains("\"failure.loadBalancerCapabilities\":\"TcpLevel\"")
                .contains("\"processModel.idleTimeout\":\"PT5M\"")
                .contains("\"queueLength\":4000");
        assertThat(read).isEqualTo(spec);
        assertThat(read.setting(PoolAttribute.QUEUE_LENGTH)).isEqualTo(4000L);
    }

    @Test
    void unknownOrMissingSettings_areSkipped() throws Exception {
        AppPoolSpec read = Json.MAPPER.readValue(
                "{\"name\":\"p\",\"settings\":{\"cpu.limit\":5,\"startMode\":\"AlwaysRunning\"},\"environment\":{},"
                        + "\"extensions\":[]}",
                AppPoolSpec.class);
        AppPoolSpec older = Json.MAPPER.readValue(
                "{\"name\":\"p\",\"queueLength\":2000,\"environment\":{},\"extensions\":[]}", AppPoolSpec.class);

        assertThat(read.settings().get(PoolAttribute.START_MODE)).hasToString("ALWAYS_RUNNING");
        assertThat(read.settings().get(PoolAttribute.QUEUE_LENGTH)).isNull();
        assertThat(older.settings().isEmpty()).isTrue();
    }
}
