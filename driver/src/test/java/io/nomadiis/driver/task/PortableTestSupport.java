package io.nomadiis.driver.task;

import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.WebsiteRemoval;
import java.nio.file.Path;
import java.util.List;

/** Cleans a portable host up after a test: every site and pool removed, so its service exits by itself. */
final class PortableTestSupport {

    private PortableTestSupport() {}

    static void shutdown(IisHost host, Path stateDir) throws Exception {
        List<String> pools = host.poolNames();
        for (String site : host.siteNames()) {
            host.remove(new WebsiteRemoval(site, true, List.of(), pools, List.of(), List.of()));
        }
        if (!pools.isEmpty()) {
            host.remove(new WebsiteRemoval("-", false, List.of(), pools, List.of(), List.of()));
        }
        host.close();
    }
}
