package io.nomadiis.mgmt.http;

/**
 * A request that ends with an HTTP error status and a one-line, lower-case message for the
 * caller. Never carries a stack trace to the client; 5xx messages are logged with the request id.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final java.util.Map<String, String> headers;

    public ApiException(int status, String message) {
        this(status, message, null, java.util.Map.of());
    }

    public ApiException(int status, String message, Throwable cause) {
        this(status, message, cause, java.util.Map.of());
    }

    private ApiException(int status, String message, Throwable cause, java.util.Map<String, String> headers) {
        super(message, cause);
        this.status = status;
        this.headers = headers;
    }

    /** Extra response headers (for example {@code Allow} on 405). */
    public java.util.Map<String, String> headers() {
        return headers;
    }

    /** 405 with the {@code Allow} header listing the methods the path takes. */
    public static ApiException methodNotAllowed(String method, java.util.Collection<String> allowed) {
        String list = String.join(", ", allowed);
        return new ApiException(
                405,
                "method " + method + " is not allowed here; allowed: " + list,
                null,
                java.util.Map.of("Allow", list));
    }

    /** The HTTP status code. */
    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    /** Seconds a client is told to wait ({@code Retry-After}) when the API is overloaded. */
    public static final int RETRY_AFTER_SECONDS = 1;

    /** 503 with {@code Retry-After}: every worker is taken, or too many connections or requests are open. */
    public static ApiException busy() {
        return unavailable("the management api is busy; retry later");
    }

    /** 503 with {@code Retry-After} and this message. */
    public static ApiException unavailable(String message) {
        return new ApiException(
                503, message, null, java.util.Map.of("Retry-After", Integer.toString(RETRY_AFTER_SECONDS)));
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, message);
    }
}
