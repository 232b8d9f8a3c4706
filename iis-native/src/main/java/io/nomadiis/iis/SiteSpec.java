package io.nomadiis.iis;

import java.util.List;

/**
 * A website.
 *
 * @param name the IIS site name
 * @param bindings its bindings (empty when applications are deployed into an existing site)
 * @param applications its applications, root first
 * @param defaultPoolName {@code applicationDefaults.applicationPool}
 */
public record SiteSpec(
        String name, List<BindingSpec> bindings, List<ApplicationSpec> applications, String defaultPoolName) {
    public SiteSpec {
        bindings = List.copyOf(bindings);
        applications = List.copyOf(applications);
    }
}
