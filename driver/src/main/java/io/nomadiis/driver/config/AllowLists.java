package io.nomadiis.driver.config;

import io.nomadiis.iis.PoolIdentity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent's allow-lists applied to a task: {@code allowed_apppool_identities} (exact match),
 * {@code allowed_apppool_users} for {@code SpecificUser} and {@code allowed_target_websites} (exact match or
 * {@code *}; empty means none). Only pools some application uses are checked, since unused pools are never
 * created. Pure: the driver core decides what to do with the violations.
 */
public final class AllowLists {

    private static final String WILDCARD = "*";

    private AllowLists() {}

    /** Every allow-list violation of {@code task} under {@code agent}; empty when the task is allowed. */
    public static List<String> check(PluginConfig agent, IisTaskConfig task) {
        List<String> violations = new ArrayList<>();
        Set<String> usedPools = new HashSet<>();
        task.applications().forEach(application -> usedPools.add(application.applicationPool()));
        for (AppPoolConfig pool : task.applicationPools()) {
            if (!usedPools.contains(pool.name()) || pool.identity() == null) {
                continue;
            }
            String where = "application_pool " + ConfigBlock.quote(pool.name());
            String identity = pool.identity().iisName();
            if (!agent.allowedAppPoolIdentities().contains(identity)) {
                violations.add(where + ": identity " + ConfigBlock.quote(identity) + " is not allowed by the agent; "
                        + allowed("allowed_apppool_identities", agent.allowedAppPoolIdentities()));
            } else if (pool.identity() == PoolIdentity.SPECIFIC_USER
                    && !matches(agent.allowedAppPoolUsers(), pool.username())) {
                violations.add(where + ": username " + ConfigBlock.quote(String.valueOf(pool.username()))
                        + " is not allowed by the agent; "
                        + allowed("allowed_apppool_users", agent.allowedAppPoolUsers()));
            }
        }
        if (task.targetWebsite() != null && !matches(agent.allowedTargetWebsites(), task.targetWebsite())) {
            violations.add(
                    "target_website: " + ConfigBlock.quote(task.targetWebsite()) + " is not allowed by the agent; "
                            + allowed("allowed_target_websites", agent.allowedTargetWebsites()));
        }
        return violations;
    }

    private static boolean matches(List<String> allowed, String value) {
        return value != null && (allowed.contains(WILDCARD) || allowed.contains(value));
    }

    private static String allowed(String attribute, List<String> values) {
        return values.isEmpty()
                ? attribute + " is empty"
                : attribute + " = " + values.stream().map(ConfigBlock::quote).toList();
    }
}
