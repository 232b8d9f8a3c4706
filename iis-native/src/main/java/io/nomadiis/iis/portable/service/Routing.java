package io.nomadiis.iis.portable.service;

import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.SiteSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An immutable snapshot of where requests go, as HTTP.sys's URL groups would route them: endpoint and
 * Host header pick the site (a binding with that host name, else one without), the longest application
 * path prefix picks the application and so the pool.
 */
final class Routing {
    private final Map<Endpoint, List<Route>> byEndpoint;

    /** One binding's route: its host name ({@code ""} = any) and site. */
    private record Route(String hostname, BindingSpec binding, SiteSpec site, List<ApplicationSpec> applications) {}

    private Routing(Map<Endpoint, List<Route>> byEndpoint) {
        this.byEndpoint = byEndpoint;
    }

    static Routing of(HostConfiguration config) {
        Map<Endpoint, List<Route>> map = new HashMap<>();
        for (SiteSpec site : config.sites().values()) {
            List<ApplicationSpec> apps = new ArrayList<>(site.applications());
            apps.sort(Comparator.comparingInt((ApplicationSpec a) -> a.path().length())
                    .reversed());
            for (BindingSpec binding : site.bindings()) {
                String host =
                        binding.hostname() == null ? "" : binding.hostname().toLowerCase(Locale.ROOT);
                map.computeIfAbsent(Endpoint.of(binding), e -> new ArrayList<>())
                        .add(new Route(host, binding, site, List.copyOf(apps)));
            }
        }
        return new Routing(map);
    }

    /** Every endpoint some binding needs. */
    Set<Endpoint> endpoints() {
        return new LinkedHashSet<>(byEndpoint.keySet());
    }

    /** The bindings on an endpoint (for certificate selection). */
    List<BindingSpec> bindings(Endpoint endpoint) {
        return byEndpoint.getOrDefault(endpoint, List.of()).stream()
                .map(Route::binding)
                .toList();
    }

    /** The sites with a binding on this endpoint, each once. */
    List<SiteSpec> sites(Endpoint endpoint) {
        return byEndpoint.getOrDefault(endpoint, List.of()).stream()
                .map(Route::site)
                .distinct()
                .toList();
    }

    /** The site a request on this endpoint with this Host header goes to, or null. */
    SiteSpec site(Endpoint endpoint, String hostHeader) {
        String host = hostOnly(hostHeader);
        Route fallback = null;
        for (Route route : byEndpoint.getOrDefault(endpoint, List.of())) {
            if (route.hostname().equals(host)) {
                return route.site();
            }
            if (route.hostname().isEmpty() && fallback == null) {
                fallback = route;
            }
        }
        return fallback == null ? null : fallback.site();
    }

    /** The application of the site that serves this decoded path, or null. */
    static ApplicationSpec application(SiteSpec site, String path) {
        ApplicationSpec best = null;
        int bestLength = -1;
        for (ApplicationSpec app : site.applications()) {
            int length = prefixLength(app.path(), path);
            if (length > bestLength) {
                best = app;
                bestLength = length;
            }
        }
        return best;
    }

    private static int prefixLength(String prefix, String path) {
        String p = path.toLowerCase(Locale.ROOT);
        String x = prefix.toLowerCase(Locale.ROOT);
        if (x.endsWith("/")) {
            x = x.substring(0, x.length() - 1);
        }
        if (x.isEmpty()) {
            return 0;
        }
        return p.equals(x) || p.startsWith(x + "/") ? x.length() : -1;
    }

    private static String hostOnly(String hostHeader) {
        if (hostHeader == null) {
            return "";
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(0, end + 1) : host;
        }
        int colon = host.lastIndexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }
}
