package io.nomadiis.mgmt.routes;

import io.nomadiis.mgmt.http.Route;
import java.util.List;

/** {@code GET /}: a plain-text notice that this is a Nomad plugin's management API. */
public final class RootRoute {
    static final String NOTICE = "This is the management API of nomad_iis, a HashiCorp Nomad task driver plugin.\n"
            + "It is started by the Nomad client; see /api/v1/openapi.json for its routes.\n";

    public List<Route> routes() {
        return List.of(Route.of("GET", "/", null, "Plain-text notice", "text/plain", ex -> ex.sendText(200, NOTICE)));
    }
}
