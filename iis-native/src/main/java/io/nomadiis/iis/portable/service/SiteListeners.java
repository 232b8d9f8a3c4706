package io.nomadiis.iis.portable.service;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.nomadiis.iis.IisException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/** The open listening sockets, one HTTP or HTTPS server per {@link Endpoint}. */
final class SiteListeners {
    private final Map<Endpoint, HttpServer> open = new ConcurrentHashMap<>();
    private final Function<Endpoint, HttpHandler> handlers;
    private final Function<Endpoint, SSLContext> tls;
    private final ExecutorService executor;

    SiteListeners(
            Function<Endpoint, HttpHandler> handlers, Function<Endpoint, SSLContext> tls, ExecutorService executor) {
        this.handlers = handlers;
        this.tls = tls;
        this.executor = executor;
    }

    /** Whether the endpoint is open. */
    boolean isOpen(Endpoint endpoint) {
        return open.containsKey(endpoint);
    }

    /**
     * Opens every endpoint not open yet and returns those it opened; all or nothing: when one cannot
     * be opened the ones opened by this call are closed again.
     */
    synchronized List<Endpoint> openAll(Collection<Endpoint> wanted, String siteName) throws IisException {
        List<Endpoint> opened = new ArrayList<>();
        for (Endpoint endpoint : wanted) {
            if (open.containsKey(endpoint)) {
                continue;
            }
            try {
                open.put(endpoint, listen(endpoint));
                opened.add(endpoint);
            } catch (IOException | RuntimeException e) {
                close(opened);
                String cause =
                        e instanceof BindException ? "port " + endpoint.port() + " is already in use" : e.getMessage();
                throw new IisException(
                        "failed to create site \"" + siteName + "\": binding " + endpoint + ": " + cause, false, e);
            }
        }
        return opened;
    }

    /** Closes every open endpoint not in {@code wanted}, freeing its port. */
    synchronized void retainOnly(Set<Endpoint> wanted) {
        close(open.keySet().stream().filter(e -> !wanted.contains(e)).toList());
    }

    synchronized void close(Collection<Endpoint> endpoints) {
        for (Endpoint endpoint : endpoints) {
            HttpServer server = open.remove(endpoint);
            if (server != null) {
                server.stop(0);
            }
        }
    }

    private HttpServer listen(Endpoint endpoint) throws IOException {
        InetSocketAddress address = endpoint.ip().equals("*")
                ? new InetSocketAddress(endpoint.port())
                : new InetSocketAddress(InetAddress.getByName(endpoint.ip()), endpoint.port());
        HttpServer server;
        if (endpoint.protocol().equals("https")) {
            HttpsServer https = HttpsServer.create(address, 512);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.apply(endpoint)));
            server = https;
        } else {
            server = HttpServer.create(address, 512);
        }
        server.createContext("/", handlers.apply(endpoint));
        server.setExecutor(executor);
        server.start();
        return server;
    }
}
