package io.nomadiis.driver.task.plan;

import static java.util.Objects.requireNonNull;

import io.nomadiis.driver.config.AllowLists;
import io.nomadiis.driver.config.IisTaskConfig;
import io.nomadiis.driver.config.PluginConfig;
import io.nomadiis.driver.task.DriverException;
import java.util.List;

/**
 * The agent's allow-lists applied to a task ({@link AllowLists}), plus the rule that a target website
 * is never one of the driver's own {@code nomad-} sites.
 */
public final class AccessRules {

    /** Matches every name in an allow-list. */
    public static final String WILDCARD = "*";

    private final PluginConfig config;

    public AccessRules(PluginConfig config) {
        this.config = requireNonNull(config, "config");
    }

    /** Checks the task against the agent's allow-lists (pool identities and users, target websites). */
    public void check(IisTaskConfig task) throws DriverException {
        List<String> violations = AllowLists.check(config, task);
        if (!violations.isEmpty()) {
            throw DriverException.invalid("task config not allowed on this node: " + String.join("; ", violations));
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
