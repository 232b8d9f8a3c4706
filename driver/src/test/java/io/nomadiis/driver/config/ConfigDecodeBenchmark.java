package io.nomadiis.driver.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.nomadiis.driver.config.msgpack.CtyMsgpackWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reports how long decoding a realistic task config takes (two pools, three applications with virtual
 * directories, eight bindings). Run with {@code -Dtest=ConfigDecodeBenchmark}; prints, never asserts timings.
 */
class ConfigDecodeBenchmark {

    @Test
    void decode_realisticTaskConfig_reportsTimePerDecode() throws Exception {
        List<Map<String, Object>> bindings = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            bindings.add(Map.of(
                    "type",
                    "https",
                    "port",
                    "web",
                    "hostname",
                    "h" + i + ".example.test",
                    "certificate",
                    Map.of("thumbprint", "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01")));
        }
        byte[] bytes = CtyMsgpackWriter.encode(
                TaskConfigSpec.spec(),
                Map.of(
                        "application_pool",
                                List.of(
                                        Map.of(
                                                "name",
                                                "web",
                                                "managed_runtime_version",
                                                "None",
                                                "idle_timeout",
                                                "20m",
                                                "start_mode",
                                                "AlwaysRunning"),
                                        Map.of("name", "api", "queue_length", 2000)),
                        "application",
                                List.of(
                                        Map.of(
                                                "path",
                                                "local/site",
                                                "application_pool",
                                                "web",
                                                "virtual_directory",
                                                List.of(Map.of("alias", "static", "path", "local/static"))),
                                        Map.of("path", "local/api", "alias", "api", "application_pool", "api"),
                                        Map.of("path", "local/admin", "alias", "/admin", "enable_preload", true)),
                        "binding", bindings,
                        "log_files", List.of("local/logs/*.log")));
        int warmup = 20_000;
        int rounds = 100_000;
        for (int i = 0; i < warmup; i++) {
            TaskConfigSpec.decode(bytes);
        }
        long start = System.nanoTime();
        IisTaskConfig last = null;
        for (int i = 0; i < rounds; i++) {
            last = TaskConfigSpec.decode(bytes);
        }
        long perDecode = (System.nanoTime() - start) / rounds;
        long pluginStart = System.nanoTime();
        PluginConfigSpec.decode(new byte[0]);
        long firstPluginDecode = System.nanoTime() - pluginStart;
        pluginStart = System.nanoTime();
        PluginConfigSpec.decode(new byte[0]);
        long secondPluginDecode = System.nanoTime() - pluginStart;
        System.out.printf(
                Locale.ROOT, "task config: %d bytes, %d ns per decode (%d rounds)%n", bytes.length, perDecode, rounds);
        System.out.printf(
                Locale.ROOT,
                "plugin config zero-length decode: first %d us, second %d us%n",
                firstPluginDecode / 1000,
                secondPluginDecode / 1000);
        assertThat(last.bindings()).hasSize(8);
    }
}
