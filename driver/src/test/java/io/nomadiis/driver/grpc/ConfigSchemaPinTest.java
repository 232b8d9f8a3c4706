package io.nomadiis.driver.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.driver.config.PluginConfigSpec;
import io.nomadiis.driver.config.TaskConfigSpec;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the exact {@code hclspec.Spec} bytes Nomad receives from {@code ConfigSchema} and {@code TaskConfigSchema}.
 * Any change to the job or agent surface changes a digest here; such a change must be deliberate (new digest
 * recorded together with the surface change and its changelog entry).
 */
class ConfigSchemaPinTest {

    @Test
    void taskConfigSchema_bytesAreUnchanged() throws Exception {
        // ef4da66d... until 556f0e0 added the optional iis_log = false (the only surface change since the pin).
        assertThat(sha256(HclSpecProtos.toProto(TaskConfigSpec.spec()).toByteArray()))
                .isEqualTo("d2c37e0ea30051901bcf95b3e57fb08c574572023a8b7b043a4cb064d2be44e3");
    }

    @Test
    void pluginConfigSchema_bytesAreUnchanged() throws Exception {
        assertThat(sha256(HclSpecProtos.toProto(PluginConfigSpec.spec()).toByteArray()))
                .isEqualTo("613fedd80ebb241c207dd5bcb1d3e5b61efe851d2b1eb631d8bf6fd14d436bd6");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
