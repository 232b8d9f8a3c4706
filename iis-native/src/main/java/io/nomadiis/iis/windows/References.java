package io.nomadiis.iis.windows;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a removal may take away among shared objects: auto-start providers no application references
 * any more, and managed certificates no binding uses any more.
 */
public final class References {
    private References() {
    }

    /**
     * The candidates not in {@code stillReferenced}, compared case-insensitively (provider names are
     * case-insensitive in IIS).
     */
    public static List<String> unreferencedProviders(Collection<String> candidates, Collection<String> stillReferenced) {
        Set<String> used = stillReferenced.stream().filter(n -> n != null && !n.isBlank())
                .map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return candidates.stream().filter(n -> !used.contains(n.toLowerCase(Locale.ROOT))).distinct().toList();
    }

    /** The candidate thumbprints (normalized) that no remaining binding's certificate hash names. */
    public static List<String> unusedCertificates(Collection<String> candidates, Collection<String> boundHashes) {
        Set<String> used = boundHashes.stream().map(Thumbprints::normalize).filter(t -> !t.isEmpty())
                .collect(Collectors.toSet());
        return candidates.stream().map(Thumbprints::normalize).filter(t -> !t.isEmpty() && !used.contains(t))
                .distinct().toList();
    }
}
