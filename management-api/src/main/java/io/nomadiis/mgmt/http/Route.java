package io.nomadiis.mgmt.http;

import io.nomadiis.mgmt.auth.Capability;

/**
 * One entry of the route table: method, path template, what it needs and who serves it.
 * Templates use {@code {name}} for one path segment; a trailing {@code {path}} takes the rest of
 * the path (several segments or one URL-encoded segment).
 *
 * @param method the HTTP method
 * @param template the path template, e.g. {@code /api/v1/allocs/{allocId}/{taskName}/status}
 * @param capability the capability required, or null for a public route
 * @param taskScoped whether the route names a task ({@code allocId} and {@code taskName})
 * @param handler serves requests without a body
 * @param upload serves requests whose body is streamed (null unless the route takes a body)
 * @param summary one line for the OpenAPI document
 * @param responseType the media type of a successful response
 */
public record Route(
        String method,
        String template,
        Capability capability,
        boolean taskScoped,
        RouteHandler handler,
        UploadHandler upload,
        String summary,
        String responseType) {

    /** A route whose request has no body. */
    public static Route of(
            String method,
            String template,
            Capability capability,
            String summary,
            String responseType,
            RouteHandler handler) {
        return new Route(
                method, template, capability, template.contains("{allocId}"), handler, null, summary, responseType);
    }

    /** A route whose request body is streamed to an {@link UploadHandler}. */
    public static Route upload(
            String method, String template, Capability capability, String summary, UploadHandler upload) {
        return new Route(method, template, capability, true, null, upload, summary, "application/json");
    }

    /** Serves a request without a body. */
    @FunctionalInterface
    public interface RouteHandler {
        void handle(Exchange exchange) throws Exception;
    }

    /** Prepares a streamed request body; the returned sink receives it and answers when it ends. */
    @FunctionalInterface
    public interface UploadHandler {
        BodySink begin(Exchange exchange) throws Exception;
    }
}
