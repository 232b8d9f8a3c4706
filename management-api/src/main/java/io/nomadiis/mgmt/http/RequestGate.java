package io.nomadiis.mgmt.http;

import io.nomadiis.driver.task.TaskIdentity;
import io.nomadiis.driver.task.TaskView;
import io.nomadiis.mgmt.auth.Grant;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a request may reach its route, in this order: the route exists (404) and takes
 * the method (405); the caller is authenticated (401) and holds the capability (403); path
 * parameters decode (400); the grant reaches the allocation, then the task exists (404) and lies
 * in the grant's namespace and job (403). Whether an allocation exists is told only to callers
 * whose grant names that allocation or reaches every job; others get 403 either way.
 */
final class RequestGate {
    private final ApiContext api;

    RequestGate(ApiContext api) {
        this.api = api;
    }

    /** The route for the exchange, with grant, parameters and task filled in; throws the refusal. */
    Route admit(Exchange exchange) {
        Router.Match match = api.router().match(exchange.method(), exchange.rawPath());
        if (!match.found()) {
            if (match.allowedMethods().isEmpty()) {
                throw ApiException.notFound("no route for " + exchange.rawPath());
            }
            throw ApiException.methodNotAllowed(exchange.method(), match.allowedMethods());
        }
        Route route = match.route();
        if (route.capability() != null) {
            Grant grant = api.authenticator()
                    .authenticate(exchange.header("X-Api-Key"), exchange.header("Authorization"))
                    .orElseThrow(() -> new ApiException(401, "missing or invalid credentials"));
            exchange.grant(grant);
            if (!grant.has(route.capability())) {
                throw ApiException.forbidden("the credentials lack the capability "
                        + route.capability().claimName());
            }
        }
        for (Map.Entry<String, String> p : match.rawParams().entrySet()) {
            exchange.putParam(p.getKey(), PercentDecoder.decode(p.getValue()));
        }
        if (route.taskScoped()) {
            exchange.task(findTask(exchange));
        }
        return route;
    }

    private TaskView findTask(Exchange exchange) {
        Grant grant = exchange.grant();
        String allocId = exchange.param("allocId");
        String taskName = exchange.param("taskName");
        if (!grant.mayReachAlloc(allocId)) {
            throw ApiException.forbidden("the credentials do not cover allocation " + allocId);
        }
        Optional<TaskView> task = api.tasks().find(allocId, taskName);
        if (task.isEmpty()) {
            if (grant.mayLearnExistence(allocId)) {
                throw ApiException.notFound("no task " + taskName + " in allocation " + allocId);
            }
            throw ApiException.forbidden("the credentials do not cover task " + taskName + " of allocation " + allocId);
        }
        TaskIdentity id = task.get().identity();
        if (!grant.covers(id.namespace(), id.jobName(), id.allocId())) {
            throw ApiException.forbidden("the credentials do not cover task " + taskName + " of allocation " + allocId);
        }
        return task.get();
    }
}
