package io.nomadiis.mgmt.routes;

import static java.util.Objects.requireNonNull;

import io.nomadiis.mgmt.http.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/openapi.json}: an OpenAPI 3.0 document generated from the route table itself,
 * so it cannot drift from what the server serves.
 */
public final class OpenApiRoute {
    private final Supplier<List<Route>> routes;

    public OpenApiRoute(Supplier<List<Route>> routes) {
        this.routes = requireNonNull(routes, "routes");
    }

    public List<Route> routes() {
        return List.of(Route.of(
                "GET",
                "/api/v1/openapi.json",
                null,
                "This OpenAPI document",
                "application/json",
                ex -> ex.sendJson(200, document(routes.get()))));
    }

    /** The OpenAPI document of a route table. */
    public static Map<String, Object> document(List<Route> table) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route r : table) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item =
                    (Map<String, Object>) paths.computeIfAbsent(r.template(), k -> new LinkedHashMap<>());
            item.put(r.method().toLowerCase(java.util.Locale.ROOT), operation(r));
        }
        Map<String, Object> schemes = new LinkedHashMap<>();
        schemes.put("apiKey", Map.of("type", "apiKey", "in", "header", "name", "X-Api-Key"));
        schemes.put("bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "nomad_iis management API", "version", "1"));
        doc.put("paths", paths);
        doc.put("components", Map.of("securitySchemes", schemes));
        return doc;
    }

    private static Map<String, Object> operation(Route r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", r.summary());
        op.put(
                "operationId",
                r.method().toLowerCase(java.util.Locale.ROOT)
                        + r.template().replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_"));
        List<Map<String, Object>> params = new ArrayList<>();
        for (String name : List.of("allocId", "taskName", "path")) {
            if (r.template().contains("{" + name + "}")) {
                params.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
            }
        }
        QueryParameters.of(r)
                .forEach((name, type) -> params.add(
                        Map.of("name", name, "in", "query", "required", false, "schema", Map.of("type", type))));
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (r.capability() != null) {
            op.put("security", List.of(Map.of("apiKey", List.of()), Map.of("bearer", List.of())));
            op.put("x-capability", r.capability().claimName());
        }
        if (r.upload() != null) {
            op.put(
                    "requestBody",
                    Map.of(
                            "required",
                            true,
                            "content",
                            Map.of(
                                    "application/zip", Map.of("schema", Map.of("type", "string", "format", "binary")),
                                    "application/octet-stream",
                                            Map.of("schema", Map.of("type", "string", "format", "binary")))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("200", Map.of("description", "success", "content", Map.of(r.responseType(), Map.of())));
        for (String code : List.of("400", "401", "403", "404", "405", "409", "413", "500")) {
            responses.put(code, Map.of("description", "error {\"error\": ..., \"requestId\": ...}"));
        }
        op.put("responses", responses);
        return op;
    }

    /** Query parameters per route, by template suffix. */
    static final class QueryParameters {
        private QueryParameters() {}

        static Map<String, String> of(Route r) {
            Map<String, String> q = new LinkedHashMap<>();
            if (r.upload() != null) {
                q.put("clean", "boolean");
            } else if (r.template().endsWith("/screenshot")) {
                q.put("path", "string");
                q.put("width", "integer");
                q.put("height", "integer");
                q.put("fullPage", "boolean");
            } else if (r.template().endsWith("/procdump")) {
                q.put("appPoolName", "string");
            }
            return q;
        }
    }
}
