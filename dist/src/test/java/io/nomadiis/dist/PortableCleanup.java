package io.nomadiis.dist;

import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.iis.portable.PortableIisHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Removes whatever a test left on the portable host of a state dir (a test that failed half-way), so the
 * host's service finds itself empty and exits instead of outliving the test.
 */
final class PortableCleanup {

    private PortableCleanup() {}

    static void removeAll(Path stateDir) {
        if (!Files.isDirectory(stateDir)) {
            return;
        }
        try (IisHost host = new PortableIisHost(stateDir)) {
            List<String> pools = host.poolNames();
            List<String> sites = host.siteNames();
            for (String site : sites) {
                host.remove(new WebsiteRemoval(site, true, List.of(), pools, List.of(), List.of()));
            }
            if (sites.isEmpty() && !pools.isEmpty()) {
                host.remove(new WebsiteRemoval("-", false, List.of(), pools, List.of(), List.of()));
            }
        } catch (Exception | AssertionError e) {
            System.err.println("cleanup of " + stateDir + " failed: " + e);
        }
    }
}
