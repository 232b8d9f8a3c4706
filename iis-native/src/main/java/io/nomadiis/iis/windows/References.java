package io.nomadiis.iis.windows;

import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.iis.cert.Thumbprints;
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
    private References() {}

    /**
     * The candidates not in {@code stillReferenced}, compared case-insensitively (provider names are
     * case-insensitive in IIS).
     */
    public static List<String> unreferencedProviders(
            Collection<String> candidates, Collection<String> stillReferenced) {
        Set<String> used = stillReferenced.stream()
                .filter(n -> n != null && !n.isBlank())
                .map(n -> n.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return candidates.stream()
                .filter(n -> !used.contains(n.toLowerCase(Locale.ROOT)))
                .distinct()
                .toList();
    }

    /**
     * An application's reference to an auto-start provider.
     *
     * @param siteName the site
     * @param applicationPath the application
     * @param provider its {@code serviceAutoStartProvider} (may be empty)
     */
    public record ProviderReference(String siteName, String applicationPath, String provider) {}

    /** The provider names still referenced once the removal's site (or its applications) are gone. */
    public static List<String> remainingProviders(Collection<ProviderReference> references, WebsiteRemoval removal) {
        Set<String> removedPaths = removal.applicationPaths().stream()
                .map(p -> p.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return references.stream()
                .filter(r -> !r.siteName().equalsIgnoreCase(removal.siteName())
                        || (!removal.ownsSite()
                                && !removedPaths.contains(r.applicationPath().toLowerCase(Locale.ROOT))))
                .map(ProviderReference::provider)
                .filter(p -> p != null && !p.isBlank())
                .toList();
    }

    /** The candidate thumbprints (normalized) that no remaining binding's certificate hash names. */
    public static List<String> unusedCertificates(Collection<String> candidates, Collection<String> boundHashes) {
        Set<String> used = boundHashes.stream()
                .map(Thumbprints::normalize)
                .filter(t -> !t.isEmpty())
                .collect(Collectors.toSet());
        return candidates.stream()
                .map(Thumbprints::normalize)
                .filter(t -> !t.isEmpty() && !used.contains(t))
                .distinct()
                .toList();
    }
}
