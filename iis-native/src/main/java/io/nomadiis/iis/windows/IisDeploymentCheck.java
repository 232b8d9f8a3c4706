package io.nomadiis.iis.windows;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.VirtualDirectorySpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.cert.Thumbprints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a deployment against what IIS already has before anything is written, so that bad input fails
 * with a clear message and nothing half-applied: names free (or, for a site the task does not own,
 * present), folders present, https bindings with a certificate.
 */
public final class IisDeploymentCheck {
    private IisDeploymentCheck() {}

    /**
     * @param existingPools names of the pools IIS has
     * @param existingSites names of the sites IIS has
     * @param existingApplicationPaths paths of the applications of the target site (when the task does not own it)
     */
    public static void check(
            WebsiteDeployment deployment,
            Collection<String> existingPools,
            Collection<String> existingSites,
            Collection<String> existingApplicationPaths)
            throws IisException {
        String site = deployment.site().name();
        if (deployment.pools().isEmpty()) {
            throw new IisException("failed to deploy site \"" + site + "\": no app pool given");
        }
        Set<String> pools = lower(existingPools);
        Set<String> seen = new HashSet<>();
        for (AppPoolSpec pool : deployment.pools()) {
            String key = pool.name().toLowerCase(Locale.ROOT);
            if (pools.contains(key) || !seen.add(key)) {
                throw new IisException(
                        "failed to create app pool \"" + pool.name() + "\": an app pool of that name already exists");
            }
        }
        boolean siteExists = lower(existingSites).contains(site.toLowerCase(Locale.ROOT));
        if (deployment.ownsSite() && siteExists) {
            throw new IisException("failed to create site \"" + site + "\": a site of that name already exists");
        }
        if (!deployment.ownsSite() && !siteExists) {
            throw new IisException("failed to add applications to site \"" + site + "\": the site does not exist");
        }
        Set<String> paths = deployment.ownsSite() ? new HashSet<>() : lower(existingApplicationPaths);
        for (ApplicationSpec application : deployment.site().applications()) {
            if (!paths.add(application.path().toLowerCase(Locale.ROOT))) {
                throw new IisException("failed to create application \"" + application.path() + "\" in site \"" + site
                        + "\": an application with that path already exists");
            }
            folder(application.physicalPath(), "application \"" + application.path() + "\"");
            for (VirtualDirectorySpec vdir : application.virtualDirectories()) {
                folder(vdir.physicalPath(), "virtual directory \"" + application.path() + vdir.path() + "\"");
            }
        }
        for (BindingSpec binding : deployment.site().bindings()) {
            if (Bindings.isHttps(binding) && !Thumbprints.isValid(binding.certificateThumbprint())) {
                throw new IisException("failed to create site \"" + site + "\": https binding "
                        + Bindings.information(binding) + " has no certificate thumbprint");
            }
        }
    }

    private static void folder(Path folder, String owner) throws IisException {
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IisException("failed to create " + owner + ": physical path " + folder + " does not exist");
        }
    }

    private static Set<String> lower(Collection<String> names) {
        Set<String> result = new HashSet<>();
        names.forEach(n -> result.add(n.toLowerCase(Locale.ROOT)));
        return result;
    }
}
