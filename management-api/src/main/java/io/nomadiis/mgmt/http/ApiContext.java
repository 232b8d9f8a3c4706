package io.nomadiis.mgmt.http;

import io.nomadiis.driver.task.TaskDirectory;
import io.nomadiis.mgmt.Limits;
import io.nomadiis.mgmt.auth.Authenticator;
import java.util.concurrent.ExecutorService;

/**
 * What every connection's {@link RequestHandler} shares.
 *
 * @param router the route table
 * @param authenticator checks credentials
 * @param tasks the tasks this plugin runs
 * @param workers runs route handlers and body sinks (they block; the event loop must not); may
 *     reject work when full, which the handler answers with 503 or retries (never loses)
 * @param limits body size limits
 * @param connections what a connection may hold before and while it is served
 */
public record ApiContext(
        Router router,
        Authenticator authenticator,
        TaskDirectory tasks,
        ExecutorService workers,
        Limits limits,
        ConnectionPolicy connections) {

    /** A context with the default {@link ConnectionPolicy}. */
    public ApiContext(
            Router router, Authenticator authenticator, TaskDirectory tasks, ExecutorService workers, Limits limits) {
        this(router, authenticator, tasks, workers, limits, ConnectionPolicy.defaults());
    }
}
