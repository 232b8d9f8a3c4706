package io.nomadiis.iis;

import java.nio.file.Path;
import java.util.List;

/**
 * A website.
 *
 * @param name the IIS site name
 * @param bindings its bindings (empty when applications are deployed into an existing site)
 * @param applications its applications, root first
 * @param defaultPoolName {@code applicationDefaults.applicationPool}
 * @param logDirectory where the web server writes the site's W3C request log ({@code logFile.directory}; IIS
 *     adds a {@code W3SVC<site id>} folder), or null for the server's default (on the portable host: none)
 */
public record SiteSpec(
        String name,
        List<BindingSpec> bindings,
        List<ApplicationSpec> applications,
        String defaultPoolName,
        Path logDirectory) {
    public SiteSpec {
        bindings = List.copyOf(bindings);
        applications = List.copyOf(applications);
    }

    /** A site whose request log stays where the server puts it by default. */
    public SiteSpec(
            String name, List<BindingSpec> bindings, List<ApplicationSpec> applications, String defaultPoolName) {
        this(name, bindings, applications, defaultPoolName, null);
    }
}
