package io.nomadiis.dist;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A tiny ASP.NET-Core-like app for the ANCM tests: listens on {@code ASPNETCORE_PORT} and answers every
 * request with {@code pid=<pid> greeting=<GREETING>}; prints a line on stdout when listening.
 */
public final class EchoApp {
    private EchoApp() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv("ASPNETCORE_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("pid=" + ProcessHandle.current().pid() + " greeting=" + System.getenv("GREETING"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        System.out.println("echo app listening on " + port);
        System.out.flush();
    }
}
