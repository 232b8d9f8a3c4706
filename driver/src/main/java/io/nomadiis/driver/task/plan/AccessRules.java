package io.nomadiis.driver.task.plan;

import io.nomadiis.driver.config.AppPoolConfig;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.task.DriverException;
import io.nomadiis.iis.PoolIdentity;

import java.util.List;

/**
 * The agent's allow-lists applied to a task: pool identities (exact, case-sensitive), users for
 * {@code SpecificUser} and target websites (exact name or {@code *}).
 */
public final class AccessRules {

    /** Matches every name in an allow-list. */
    public static final String WILDCARD = "*";

    private final PluginConfig config;

    public AccessRules(PluginConfig config) {
        this.config = config;
    }

    /** Checks the pool's identity and user against the allow-lists. */
    public void checkPool(AppPoolConfig pool) throws DriverException {
        PoolIdentity identity = pool.identity() == null ? PoolIdentity.APPLICATION_POOL_IDENTITY : pool.identity();
        if (!config.allowedAppPoolIdentities().contains(identity.iisName())) {
            throw DriverException.invalid("application_pool \"" + pool.name() + "\": identity \"" + identity.iisName()
                    + "\" is not allowed on this node (allowed_apppool_identities: "
                    + config.allowedAppPoolIdentities() + ")");
        }
        if (identity == PoolIdentity.SPECIFIC_USER) {
            if (pool.username() == null || pool.username().isBlank()) {
                throw DriverException.invalid("application_pool \"" + pool.name()
                        + "\": identity \"SpecificUser\" requires a username");
            }
            if (!allows(config.allowedAppPoolUsers(), pool.username())) {
                throw DriverException.invalid("application_pool \"" + pool.name() + "\": user \"" + pool.username()
                        + "\" is not allowed on this node (allowed_apppool_users)");
            }
        }
    }

    /** Checks that tasks may deploy into that existing website. */
    public void checkTargetWebsite(String site) throws DriverException {
        if (site.startsWith(IisNames.PREFIX)) {
            throw DriverException.invalid("target_website \"" + site + "\" is a website managed by Nomad; "
                    + "target websites must not start with \"" + IisNames.PREFIX + "\"");
        }
        if (!allows(config.allowedTargetWebsites(), site)) {
            throw DriverException.invalid("target_website \"" + site + "\" is not allowed on this node "
                    + "(allowed_target_websites: " + config.allowedTargetWebsites() + ")");
        }
    }

    private static boolean allows(List<String> list, String value) {
        return list.contains(WILDCARD) || list.contains(value);
    }
}
