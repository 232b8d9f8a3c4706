package io.nomadiis.iis.portable.service;

import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.portable.WorkerSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Queries and edits of a {@link HostConfiguration} that the operations share. */
final class ConfigurationEdits {
    private ConfigurationEdits() {}

    /** The applications (as worker mounts) that run in the pool, on every site. */
    static List<WorkerSpec.Mount> mounts(HostConfiguration config, String poolName) {
        List<WorkerSpec.Mount> result = new ArrayList<>();
        for (SiteSpec site : config.sites().values()) {
            for (ApplicationSpec app : site.applications()) {
                if (app.poolName().equals(poolName)) {
                    result.add(new WorkerSpec.Mount(
                            site.name(),
                            app.path(),
                            app.physicalPath().toAbsolutePath().normalize(),
                            app.virtualDirectories().stream()
                                    .map(v -> new WorkerSpec.VirtualDirectory(
                                            v.path(),
                                            v.physicalPath().toAbsolutePath().normalize()))
                                    .toList()));
                }
            }
        }
        return result;
    }

    /** The site with applications added, root first. */
    static SiteSpec merge(SiteSpec existing, SiteSpec added) {
        List<ApplicationSpec> apps = new ArrayList<>(existing.applications());
        apps.addAll(added.applications());
        apps.sort(Comparator.comparingInt(a -> a.path().length()));
        return new SiteSpec(
                existing.name(), existing.bindings(), apps, existing.defaultPoolName(), existing.logDirectory());
    }

    /** The site without the applications at these paths. */
    static SiteSpec without(SiteSpec site, Set<String> paths) {
        List<ApplicationSpec> apps = site.applications().stream()
                .filter(a -> paths.stream().noneMatch(p -> p.equalsIgnoreCase(a.path())))
                .toList();
        return new SiteSpec(site.name(), site.bindings(), apps, site.defaultPoolName(), site.logDirectory());
    }

    /** Whether an application of any site uses the auto-start provider. */
    static boolean providerInUse(HostConfiguration config, String name) {
        return config.sites().values().stream()
                .flatMap(s -> s.applications().stream())
                .anyMatch(a -> name.equalsIgnoreCase(a.serviceAutoStartProvider()));
    }

    /** Whether a binding of any site uses the certificate. */
    static boolean certificateInUse(HostConfiguration config, String thumbprint) {
        return config.sites().values().stream()
                .flatMap(s -> s.bindings().stream())
                .map(BindingSpec::certificateThumbprint)
                .anyMatch(thumbprint::equalsIgnoreCase);
    }
}
