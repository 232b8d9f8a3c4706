package io.nomadiis.driver.config;

import io.nomadiis.iis.Extension;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolSettings;
import java.util.List;

/**
 * An {@code application_pool} block. Nullable fields were absent and leave the IIS default.
 *
 * @param name alias, at most 8 characters, unique per task; {@code default} when absent
 * @param identity defaults to {@code ApplicationPoolIdentity}
 * @param settings the IIS attributes the block sets (see {@link TaskConfigSpec}'s pool settings); never null
 */
public record AppPoolConfig(
        String name,
        PoolIdentity identity,
        String username,
        String password,
        PoolSettings settings,
        List<Extension> extensions) {
    public AppPoolConfig {
        settings = settings == null ? PoolSettings.none() : settings;
        extensions = List.copyOf(extensions);
    }

    @Override
    public String toString() {
        return "AppPoolConfig[name=" + name + ", identity=" + identity + ", username=" + username + ", password="
                + (password == null ? "null" : "(redacted)") + ", " + settings + "]";
    }
}
