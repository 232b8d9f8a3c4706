package io.nomadiis.driver.task;

import io.nomadiis.driver.task.plan.TaskPlan;
import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteRemoval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Objects an earlier start of exactly this allocation and task left on the host (a crash between deploy and
 * handle, a DestroyTask that never came): the site and pools named {@code nomad-<alloc>-<task>...} and, in a
 * {@code target_website}, applications of this task's own pools. A new start removes them first and replaces
 * them. Objects of anything else never match these names; the planner and the host refuse them with an error
 * naming them and leave them alone. Runs on the StartTask thread.
 */
final class LeftoverObjects {
    private LeftoverObjects() {}

    /** What of the plan's objects exists already, as a removal; null when nothing does. */
    static WebsiteRemoval find(IisHost host, TaskPlan plan) {
        Set<String> existingPools =
                host.poolNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> pools = plan.pools().stream()
                .map(AppPoolSpec::name)
                .filter(n -> existingPools.contains(n.toLowerCase(Locale.ROOT)))
                .toList();
        Optional<SiteSpec> site = host.site(plan.siteName());
        boolean ownSite = plan.ownsSite() && site.isPresent();
        List<String> applications = new ArrayList<>();
        if (!plan.ownsSite() && site.isPresent()) {
            Set<String> ours = plan.pools().stream()
                    .map(p -> p.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            for (ApplicationSpec app : site.get().applications()) {
                boolean planned = plan.applicationPaths().stream().anyMatch(p -> p.equalsIgnoreCase(app.path()));
                if (planned
                        && app.poolName() != null
                        && ours.contains(app.poolName().toLowerCase(Locale.ROOT))) {
                    applications.add(app.path());
                }
            }
        }
        if (pools.isEmpty() && !ownSite && applications.isEmpty()) {
            return null;
        }
        return new WebsiteRemoval(plan.siteName(), plan.ownsSite(), applications, pools, List.of(), List.of());
    }

    /** Removes the leftovers, if any, and says what was removed (for the task event), or null. */
    static String replace(IisHost host, TaskPlan plan) throws IisException {
        WebsiteRemoval leftovers = find(host, plan);
        if (leftovers == null) {
            return null;
        }
        boolean siteWasThere = plan.ownsSite() && host.site(plan.siteName()).isPresent();
        host.remove(leftovers);
        List<String> what = new ArrayList<>();
        if (siteWasThere) {
            what.add("website " + plan.siteName());
        }
        leftovers.applicationPaths().forEach(p -> what.add("application " + plan.siteName() + p));
        leftovers.poolNames().forEach(p -> what.add("application pool " + p));
        return String.join(", ", what);
    }
}
