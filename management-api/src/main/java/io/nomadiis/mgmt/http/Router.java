package io.nomadiis.mgmt.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a raw request path against the route table.
 *
 * <p>Threads: immutable after construction; called from the management API's Netty event loop when a request
 * head arrives.
 */
public final class Router {
    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The route table, in declaration order. */
    public List<Route> routes() {
        return routes;
    }

    /** The outcome of matching: a route with its raw (still encoded) parameters, or why none matched. */
    public record Match(Route route, Map<String, String> rawParams, Set<String> allowedMethods) {
        public boolean found() {
            return route != null;
        }
    }

    /** Matches a raw path (no query). */
    public Match match(String method, String rawPath) {
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Map<String, String> params = matchTemplate(route.template(), rawPath);
            if (params != null) {
                if (route.method().equals(method)) {
                    return new Match(route, params, Set.of());
                }
                allowed.add(route.method());
            }
        }
        return new Match(null, Map.of(), allowed);
    }

    static Map<String, String> matchTemplate(String template, String rawPath) {
        String[] tpl = template.substring(1).split("/", -1);
        String[] path = rawPath.startsWith("/") ? rawPath.substring(1).split("/", -1) : new String[] {""};
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < tpl.length; i++) {
            String t = tpl[i];
            if (t.equals("{path}") && i == tpl.length - 1) {
                List<String> rest = new ArrayList<>();
                for (int j = i; j < path.length; j++) {
                    rest.add(path[j]);
                }
                params.put("path", String.join("/", rest));
                return params;
            }
            if (i >= path.length) {
                return null;
            }
            if (t.startsWith("{") && t.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return tpl.length == path.length ? params : null;
    }
}
