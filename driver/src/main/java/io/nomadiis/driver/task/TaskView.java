package io.nomadiis.driver.task;

import io.nomadiis.iis.BindingSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A read-only snapshot of a running task, for the management API and the debug listing.
 *
 * @param identity the task's Nomad identity
 * @param allocDir the allocation directory
 * @param taskDir {@code <allocDir>/<taskName>}: the root every management file path resolves under
 * @param appPools pool alias (as in the job, e.g. {@code default}) to full IIS pool name, in declaration order
 * @param defaultPoolAlias the alias of the site's default pool
 * @param websiteName the IIS site name
 * @param ownsWebsite false in {@code target_website} mode
 * @param bindings the site bindings with resolved ports (empty in {@code target_website} mode)
 * @param startedAt when the task started
 * @param recovered whether the handle was rebuilt by RecoverTask
 */
public record TaskView(
        TaskIdentity identity,
        Path allocDir,
        Path taskDir,
        Map<String, String> appPools,
        String defaultPoolAlias,
        String websiteName,
        boolean ownsWebsite,
        List<BindingSpec> bindings,
        Instant startedAt,
        boolean recovered) {
    public TaskView {
        appPools = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(appPools));
        bindings = List.copyOf(bindings);
    }
}
