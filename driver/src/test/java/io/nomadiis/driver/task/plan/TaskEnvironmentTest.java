package io.nomadiis.driver.task.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskEnvironmentTest {

    @Test
    void forPools_pluginKeysAndEmptyValues_leftOut() {
        Map<String, String> env = TaskEnvironment.forPools(
                Map.of("NOMAD_ALLOC_ID", "a1", "Path", "C:/x", "EMPTY", "", "APP_MODE", "prod"),
                Map.of("PATH", "/usr/bin"),
                Path.of("/t/tmp"));
        assertThat(env)
                .containsEntry("NOMAD_ALLOC_ID", "a1")
                .containsEntry("APP_MODE", "prod")
                .doesNotContainKeys("Path", "EMPTY");
    }

    @Test
    void forPools_keysDifferingInCase_keptOnce() {
        Map<String, String> task = new LinkedHashMap<>();
        task.put("foo", "1");
        task.put("FOO", "2");
        Map<String, String> env = TaskEnvironment.forPools(task, Map.of(), Path.of("/t/tmp"));
        assertThat(env.keySet().stream().filter(k -> k.equalsIgnoreCase("foo"))).hasSize(1);
    }

    @Test
    void forPools_tmpAndTemp_pointAtTaskTmp_evenWhenPluginHasThem() {
        Map<String, String> env = TaskEnvironment.forPools(
                Map.of("TMP", "/elsewhere", "temp", "/x"), Map.of("TMP", "/tmp"), Path.of("/alloc/web/tmp"));
        assertThat(env)
                .containsEntry("TMP", Path.of("/alloc/web/tmp").toString())
                .containsEntry("TEMP", Path.of("/alloc/web/tmp").toString())
                .doesNotContainKey("temp");
    }
}
