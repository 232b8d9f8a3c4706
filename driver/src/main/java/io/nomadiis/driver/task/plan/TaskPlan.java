package io.nomadiis.driver.task.plan;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.AutoStartProviderSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task will put on the web server, computed from its config before anything is changed.
 *
 * @param siteName the site
 * @param ownsSite false in {@code target_website} mode
 * @param pools the pools to create (only those an application uses)
 * @param poolNames pool alias to full name, in declaration order, for the pools created
 * @param defaultPoolAlias the alias of the site's default pool
 * @param applications the applications, root first
 * @param bindings the bindings (empty in {@code target_website} mode)
 * @param autoStartProviders global auto-start providers
 * @param taskDir the task directory
 * @param tmpDir {@code <taskDir>/tmp}, the pools' TMP/TEMP
 * @param placeholderTargets application folders to fill from the placeholder when missing or empty
 * @param logFiles globs of log files to forward (with the IIS log's when {@code iisLogDir} is set)
 * @param droppedPools declared pools no application uses, in declaration order: not created
 * @param iisLogDir where the site's W3C request log goes ({@code iis_log}), or null for the server's default
 */
public record TaskPlan(
        String siteName,
        boolean ownsSite,
        List<AppPoolSpec> pools,
        Map<String, String> poolNames,
        String defaultPoolAlias,
        List<ApplicationSpec> applications,
        List<PlannedBinding> bindings,
        List<AutoStartProviderSpec> autoStartProviders,
        Path taskDir,
        Path tmpDir,
        List<Path> placeholderTargets,
        List<String> logFiles,
        List<String> droppedPools,
        Path iisLogDir) {
    public TaskPlan {
        pools = List.copyOf(pools);
        poolNames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(poolNames));
        applications = List.copyOf(applications);
        bindings = List.copyOf(bindings);
        autoStartProviders = List.copyOf(autoStartProviders);
        placeholderTargets = List.copyOf(placeholderTargets);
        logFiles = List.copyOf(logFiles);
        droppedPools = List.copyOf(droppedPools);
    }

    /** The application paths ({@code /alias}) the task adds to the site. */
    public List<String> applicationPaths() {
        return applications.stream().map(ApplicationSpec::path).toList();
    }

    /**
     * The deployment, with the https bindings bound to the certificates installed for them.
     *
     * @param thumbprints one entry per binding, in order: the thumbprint, or null for http
     */
    public WebsiteDeployment deployment(List<String> thumbprints) {
        List<BindingSpec> resolved = new ArrayList<>();
        for (int i = 0; i < bindings.size(); i++) {
            resolved.add(bindings.get(i).withThumbprint(thumbprints.get(i)));
        }
        String defaultPool = poolNames.get(defaultPoolAlias);
        SiteSpec site = new SiteSpec(siteName, resolved, applications, defaultPool, iisLogDir);
        return new WebsiteDeployment(pools, site, ownsSite, autoStartProviders);
    }
}
