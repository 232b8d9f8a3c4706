package io.nomadiis.mgmt.http;

import io.nomadiis.log.LogField;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Runs route handlers on workers and maps their failures to HTTP errors.
 *
 * <p>Threads: runs on the management API's {@code mgmt-worker-*} threads, never on an event loop: route handlers
 * may wait on host calls and files.
 */
final class Dispatch {
    private static final System.Logger LOG = System.getLogger(Dispatch.class.getName());

    private Dispatch() {}

    /** Runs the handler and answers with an error if it throws. */
    static void run(Exchange exchange, Route.RouteHandler handler, Runnable closeConnection) {
        try {
            handler.handle(exchange);
            if (!exchange.answered()) {
                throw new IllegalStateException("route answered nothing");
            }
        } catch (Exception e) {
            ApiException api = toApiException(exchange, e);
            if (!exchange.answered()) {
                exchange.sendError(api);
            } else {
                LOG.log(
                        Level.WARNING,
                        "management api request failed after its response started",
                        LogField.of("request_id", exchange.requestId()),
                        LogField.error(api.getMessage()));
                closeConnection.run();
            }
        }
    }

    /**
     * The HTTP error for a failure; unexpected ones become 500 (logged by the caller with the
     * request id and the cause). The message a client sees never names an exception class or
     * carries a stack detail.
     */
    static ApiException toApiException(Exchange exchange, Throwable e) {
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof IOException
                && e.getMessage() != null
                && e.getMessage().startsWith("client connection closed")) {
            return new ApiException(400, e.getMessage(), e);
        }
        if (e instanceof java.util.concurrent.RejectedExecutionException) {
            return ApiException.busy();
        }
        return new ApiException(
                500, "internal error; the plugin log has the details under request id " + exchange.requestId(), e);
    }
}
