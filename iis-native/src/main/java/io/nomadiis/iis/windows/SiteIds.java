package io.nomadiis.iis.windows;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Chooses a new site's {@code id}: the lowest free integer from 1 up. Id 0 is never used (it corrupted
 * applicationHost.config in the C# plugin's history), and reusing gaps keeps ids small.
 */
public final class SiteIds {
    private SiteIds() {}

    /** The lowest integer {@code >= 1} not in {@code taken}. */
    public static long lowestFree(Collection<Long> taken) {
        Set<Long> used = new HashSet<>(taken);
        long id = 1;
        while (used.contains(id)) {
            id++;
        }
        return id;
    }
}
