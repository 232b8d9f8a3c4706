package io.nomadiis.driver.task.plan;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The environment variables every app pool of a task gets: Nomad's task environment without the keys
 * the plugin process itself has (those reach the workers anyway), without empty values, de-duplicated
 * case-insensitively (the last one wins), and with {@code TMP}/{@code TEMP} pointing at the task's
 * {@code tmp} directory.
 */
public final class TaskEnvironment {

    private TaskEnvironment() {}

    /**
     * @param taskEnv Nomad's task environment
     * @param pluginEnv the plugin process's own environment
     * @param taskTmpDir {@code <taskDir>/tmp}
     */
    public static Map<String, String> forPools(
            Map<String, String> taskEnv, Map<String, String> pluginEnv, Path taskTmpDir) {
        Set<String> pluginKeys =
                pluginEnv.keySet().stream().map(TaskEnvironment::fold).collect(Collectors.toSet());
        Map<String, String> keyByFolded = new LinkedHashMap<>();
        Map<String, String> result = new LinkedHashMap<>();
        taskEnv.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String key = e.getKey() == null ? "" : e.getKey().trim();
            String value = e.getValue();
            if (key.isEmpty() || value == null || value.isEmpty() || pluginKeys.contains(fold(key))) {
                return;
            }
            put(result, keyByFolded, key, value);
        });
        String tmp = taskTmpDir.toString();
        put(result, keyByFolded, "TMP", tmp);
        put(result, keyByFolded, "TEMP", tmp);
        return result;
    }

    private static void put(Map<String, String> result, Map<String, String> keyByFolded, String key, String value) {
        String previous = keyByFolded.put(fold(key), key);
        if (previous != null) {
            result.remove(previous);
        }
        result.put(key, value);
    }

    private static String fold(String key) {
        return key.toUpperCase(Locale.ROOT);
    }
}
