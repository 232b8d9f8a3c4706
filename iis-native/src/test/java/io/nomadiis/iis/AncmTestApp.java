package io.nomadiis.iis;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for an ASP.NET Core app behind ANCM: listens on 127.0.0.1:{@code ASPNETCORE_PORT} and
 * answers every request with its PID, the request path and two environment variables; {@code /exit}
 * makes it exit with code 3.
 */
public final class AncmTestApp {
    private AncmTestApp() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv("ASPNETCORE_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/exit")) {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                System.exit(3);
            }
            byte[] body = ("pid=" + ProcessHandle.current().pid() + "\npath=" + path
                            + "\nPOOL_VAR=" + System.getenv("POOL_VAR") + "\nFROM_WEBCONFIG="
                            + System.getenv("FROM_WEBCONFIG")
                            + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("ancm test app listening on " + port);
    }
}
