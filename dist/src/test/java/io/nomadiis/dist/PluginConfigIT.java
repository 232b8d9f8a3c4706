package io.nomadiis.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.nomadiis.driver.config.PluginConfigSpec;
import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import io.nomadiis.proto.base.ConfigSchemaRequest;
import io.nomadiis.proto.base.SetConfigRequest;
import io.nomadiis.proto.drivers.FingerprintRequest;
import io.nomadiis.proto.drivers.FingerprintResponse;
import io.nomadiis.proto.drivers.TaskConfigSchemaRequest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The agent and task config surfaces through the packaged binary: the schemas Nomad receives and
 * SetConfig with bytes encoded exactly as cty encodes them.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PluginConfigIT {

    /**
     * What Nomad sends for a {@code plugin "nomad_iis" { config {} }} block: the object with every
     * attribute (keys sorted bytewise), defaults applied by the spec, the absent procdump block nil.
     */
    private static final String EMPTY_AGENT_CONFIG_HEX = "88"
            + "ba" + hex("allowed_apppool_identities") + "91" + "b7" + hex("ApplicationPoolIdentity")
            + "b5" + hex("allowed_apppool_users") + "90"
            + "b7" + hex("allowed_target_websites") + "90"
            + "b2" + hex("directory_security") + "c3"
            + "a7" + hex("enabled") + "c3"
            + "b4" + hex("fingerprint_interval") + "a3" + hex("30s")
            + "b4" + hex("placeholder_app_path") + "b2" + hex("C:\\inetpub\\wwwroot")
            + "a8" + hex("procdump") + "c0";

    @Test
    void configSchema_agentSurface_everyAttributeWithItsType() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch()) {
            Map<String, String> surface = SpecWalk.flatten(plugin.base()
                    .configSchema(ConfigSchemaRequest.getDefaultInstance())
                    .getSpec());
            assertThat(surface)
                    .containsEntry("enabled", "bool")
                    .containsEntry("fingerprint_interval", "string")
                    .containsEntry("directory_security", "bool")
                    .containsEntry("allowed_target_websites", "list(string)")
                    .containsEntry("allowed_apppool_identities", "list(string)")
                    .containsEntry("allowed_apppool_users", "list(string)")
                    .containsEntry("placeholder_app_path", "string")
                    .containsEntry("procdump", "block")
                    .containsEntry("procdump.binary_path", "string")
                    .containsEntry("procdump.accept_eula", "bool");
        }
    }

    @Test
    void taskConfigSchema_jobSurface_everyBlockAndAttributeWithItsType() throws Exception {
        try (PluginProcess plugin = PluginProcess.launch()) {
            Map<String, String> surface = SpecWalk.flatten(plugin.driver()
                    .taskConfigSchema(TaskConfigSchemaRequest.getDefaultInstance())
                    .getSpec());
            assertThat(surface)
                    .containsEntry("application", "block_list[1..0]")
                    .containsEntry("application.path", "string required")
                    .containsEntry("application.alias", "string")
                    .containsEntry("application.application_pool", "string")
                    .containsEntry("application.enable_preload", "bool")
                    .containsEntry("application.virtual_directory.alias", "string required")
                    .containsEntry("application.virtual_directory.path", "string required")
                    .containsEntry("application_pool.name", "string")
                    .containsEntry("application_pool.identity", "string")
                    .containsEntry("application_pool.managed_pipeline_mode", "string")
                    .containsEntry("application_pool.managed_runtime_version", "string")
                    .containsEntry("application_pool.queue_length", "number")
                    .containsEntry("application_pool.extension.name", "string required")
                    .containsKey("applicationPool.name")
                    .containsEntry("binding", "block_list[0..64]")
                    .containsEntry("binding.type", "string required")
                    .containsEntry("binding.port", "string required")
                    .containsEntry("binding.hostname", "string")
                    .containsEntry("binding.require_sni", "bool")
                    .containsEntry("binding.certificate", "block")
                    .containsEntry("binding.certificate.thumbprint", "string")
                    .containsEntry("binding.certificate.pfx_file", "string")
                    .containsEntry("binding.certificate.use_self_signed", "bool")
                    .containsEntry("service_auto_start_provider.name", "string required")
                    .containsEntry("service_auto_start_provider.type", "string required")
                    .containsEntry("target_website", "string")
                    .containsEntry("permit_iusr", "bool");
        }
    }

    @Test
    void setConfig_emptyAgentConfigAsNomadEncodesIt_acceptedTwiceAndFingerprintHealthy() throws Exception {
        byte[] bytes = HexFormat.of().parseHex(EMPTY_AGENT_CONFIG_HEX);
        try (PluginProcess plugin = PluginProcess.launch()) {
            plugin.base().setConfig(request(bytes));
            plugin.base().setConfig(request(bytes));
            FingerprintResponse first = firstFingerprint(plugin);
            assertThat(first.getHealth()).isEqualTo(FingerprintResponse.HealthState.HEALTHY);
            assertThat(first.getAttributesMap()
                            .get("driver.iis.directory_security_enabled")
                            .getBoolVal())
                    .isTrue();
            assertThat(first.getAttributesMap()
                            .get("driver.iis.target_websites_enabled")
                            .getBoolVal())
                    .isFalse();
        }
    }

    @Test
    void setConfig_writerBytes_sameAsNomadsEncodingOfEmptyConfig() {
        byte[] written = CtyMsgpackWriter.encode(PluginConfigSpec.spec(), defaults());
        assertThat(HexFormat.of().formatHex(written)).isEqualTo(EMPTY_AGENT_CONFIG_HEX);
    }

    @Test
    void setConfig_disabledWithTargetWebsites_fingerprintUndetectedWithAttributes() throws Exception {
        Map<String, Object> config = defaults();
        config.put("enabled", false);
        config.put("allowed_target_websites", List.of("Default Web Site"));
        try (PluginProcess plugin = PluginProcess.launch()) {
            plugin.base().setConfig(request(CtyMsgpackWriter.encode(PluginConfigSpec.spec(), config)));
            FingerprintResponse first = firstFingerprint(plugin);
            assertThat(first.getHealth()).isEqualTo(FingerprintResponse.HealthState.UNDETECTED);
            assertThat(first.getHealthDescription()).isEqualTo("driver disabled");
            assertThat(first.getAttributesMap()
                            .get("driver.iis.target_websites_enabled")
                            .getBoolVal())
                    .isTrue();
        }
    }

    @Test
    void setConfig_fingerprintIntervalBelowTenSeconds_invalidArgumentNamingAttributeAndValue() throws Exception {
        Map<String, Object> config = defaults();
        config.put("fingerprint_interval", "5s");
        try (PluginProcess plugin = PluginProcess.launch()) {
            assertThatThrownBy(() ->
                            plugin.base().setConfig(request(CtyMsgpackWriter.encode(PluginConfigSpec.spec(), config))))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription())
                                .contains("fingerprint_interval")
                                .contains("5s");
                    });
            // a refused config changes nothing: the plugin keeps serving with its defaults
            assertThat(firstFingerprint(plugin).getHealth()).isEqualTo(FingerprintResponse.HealthState.HEALTHY);
        }
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("enabled", true);
        config.put("fingerprint_interval", "30s");
        config.put("directory_security", true);
        config.put("allowed_target_websites", List.of());
        config.put("allowed_apppool_identities", List.of("ApplicationPoolIdentity"));
        config.put("allowed_apppool_users", List.of());
        config.put("placeholder_app_path", "C:\\inetpub\\wwwroot");
        config.put("procdump", null);
        return config;
    }

    private static SetConfigRequest request(byte[] msgpack) {
        return SetConfigRequest.newBuilder()
                .setMsgpackConfig(ByteString.copyFrom(msgpack))
                .setPluginApiVersion("v0.1.0")
                .build();
    }

    private static FingerprintResponse firstFingerprint(PluginProcess plugin) {
        var stream = plugin.driver()
                .withDeadlineAfter(PluginProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS)
                .fingerprint(FingerprintRequest.getDefaultInstance());
        return stream.next();
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
