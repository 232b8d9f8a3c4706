package io.nomadiis.iis.portable.service;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.AutoStartProviderSpec;
import io.nomadiis.iis.SiteSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The portable host's applicationHost.config: every pool (with whether it should run and why rapid-fail
 * protection stopped it), every site, every auto-start provider. Immutable; changes make a copy.
 *
 * @param pools pools by name
 * @param sites sites by name
 * @param autoStartProviders providers by name
 */
public record HostConfiguration(
        Map<String, PoolEntry> pools,
        Map<String, SiteSpec> sites,
        Map<String, AutoStartProviderSpec> autoStartProviders) {
    public HostConfiguration {
        pools = copy(pools);
        sites = copy(sites);
        autoStartProviders = copy(autoStartProviders);
    }

    /**
     * A configured pool.
     *
     * @param spec its settings
     * @param started whether it should run (IIS's pool state survives restarts)
     * @param failure why the host stopped it by itself, or null
     */
    public record PoolEntry(AppPoolSpec spec, boolean started, String failure) {}

    /** No pools, sites or providers. */
    public static HostConfiguration empty() {
        return new HostConfiguration(Map.of(), Map.of(), Map.of());
    }

    /** Whether nothing is configured (then the service may exit). */
    public boolean isEmpty() {
        return pools.isEmpty() && sites.isEmpty();
    }

    HostConfiguration withPools(Consumer<Map<String, PoolEntry>> change) {
        Map<String, PoolEntry> next = new LinkedHashMap<>(pools);
        change.accept(next);
        return new HostConfiguration(next, sites, autoStartProviders);
    }

    HostConfiguration withSites(Consumer<Map<String, SiteSpec>> change) {
        Map<String, SiteSpec> next = new LinkedHashMap<>(sites);
        change.accept(next);
        return new HostConfiguration(pools, next, autoStartProviders);
    }

    HostConfiguration withProviders(Consumer<Map<String, AutoStartProviderSpec>> change) {
        Map<String, AutoStartProviderSpec> next = new LinkedHashMap<>(autoStartProviders);
        change.accept(next);
        return new HostConfiguration(pools, sites, next);
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
