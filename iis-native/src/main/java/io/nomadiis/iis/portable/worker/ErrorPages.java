package io.nomadiis.iis.portable.worker;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The small HTML error pages a worker answers with, titled the way IIS titles them. */
final class ErrorPages {
    private ErrorPages() {}

    /** Sends {@code status} with an IIS-style page, e.g. {@code HTTP Error 404.0 - Not Found}. */
    static void send(HttpExchange exchange, int status, String subStatus, String reason) throws IOException {
        String title = "HTTP Error " + status + "." + subStatus + " - " + reason;
        byte[] body = ("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title
                        + "</h1></body></html>\n")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
