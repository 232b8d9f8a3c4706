package io.nomadiis.driver.task;

import io.nomadiis.driver.config.AppPoolConfig;
import io.nomadiis.driver.config.ApplicationConfig;
import io.nomadiis.driver.config.BindingConfig;
import io.nomadiis.driver.config.CertificateConfig;
import io.nomadiis.driver.config.IisTaskConfig;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.config.VirtualDirectoryConfig;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builders for task configs and requests used by the core tests. */
public final class TaskFixtures {
    public static final String ALLOC = "0f3c2a1e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";

    private TaskFixtures() {}

    public static PluginConfig pluginConfig() {
        return new PluginConfig(
                true,
                Duration.ofSeconds(30),
                false,
                List.of("Default Web Site"),
                List.of("ApplicationPoolIdentity"),
                List.of(),
                null,
                null);
    }

    public static AppPoolConfig pool(String name) {
        return pool(name, PoolIdentity.APPLICATION_POOL_IDENTITY, null);
    }

    public static AppPoolConfig pool(String name, PoolIdentity identity, String user) {
        return new AppPoolConfig(name, identity, user, null, PoolSettings.none(), List.of());
    }

    public static ApplicationConfig app(String path, String alias, String pool, VirtualDirectoryConfig... vdirs) {
        return new ApplicationConfig(
                path, alias, pool == null ? "default" : pool, null, null, null, List.of(vdirs), List.of());
    }

    public static BindingConfig http(String port) {
        return new BindingConfig("http", port, null, null, false, null);
    }

    public static BindingConfig https(String port, CertificateConfig cert) {
        return new BindingConfig("https", port, null, null, false, cert);
    }

    public static IisTaskConfig config(
            List<AppPoolConfig> pools, List<ApplicationConfig> apps, List<BindingConfig> bindings) {
        return new IisTaskConfig(pools, apps, null, true, bindings, List.of(), List.of());
    }

    public static TaskRequest request(Path allocDir, String task, Map<String, String> env, TaskPort... ports) {
        TaskIdentity id =
                new TaskIdentity(ALLOC + "/" + task + "/abcd1234", ALLOC, task, "default", "job", "job", "group");
        return new TaskRequest(id, allocDir, env, List.of(ports), "", "", 100, 128, new byte[0]);
    }
}
