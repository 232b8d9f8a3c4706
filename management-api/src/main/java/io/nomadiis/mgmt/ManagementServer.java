package io.nomadiis.mgmt;

import static java.util.Objects.requireNonNull;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.nomadiis.driver.fingerprint.ManagementApiState;
import io.nomadiis.driver.task.TaskDirectory;
import io.nomadiis.iis.IisHost;
import io.nomadiis.log.LogField;
import io.nomadiis.mgmt.auth.Authenticator;
import io.nomadiis.mgmt.http.ApiContext;
import io.nomadiis.mgmt.http.ConnectionPolicy;
import io.nomadiis.mgmt.http.Router;
import io.nomadiis.threads.NamedThreadFactory;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The management HTTP API server: binds, serves, and shuts down. It runs on event loops of its
 * own ({@code mgmt-io}) and allocates its buffers on the heap ({@link ApiHeapAllocator}), apart
 * from the gRPC server's loops and direct memory, so API traffic cannot slow a Nomad RPC.
 * Blocking work runs on a bounded worker pool. Connections are bounded by a
 * {@link ConnectionPolicy}. Refuses to start without credentials unless anonymous access is
 * explicitly allowed. Started and closed by the plugin's main thread.
 */
public final class ManagementServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ManagementServer.class.getName());

    /** One loop: the API's event-loop work is small (parsing, routing, auth); blocking work runs on workers. */
    static final int EVENT_LOOP_THREADS = 1;

    private final ManagementOptions options;
    private final ManagementServices services;
    private ConnectionPolicy connections = ConnectionPolicy.defaults();
    private EventLoopGroup ownGroup;
    private ExecutorService workers;
    private Channel channel;

    /** @param ignoredGroup unused: the API always runs on event loops of its own */
    public ManagementServer(ManagementOptions options, TaskDirectory tasks, IisHost host, EventLoopGroup ignoredGroup) {
        this(options, tasks, () -> host, ignoredGroup);
    }

    /**
     * @param host supplies the web server host when a request needs it (the plugin creates it lazily)
     * @param ignoredGroup unused: the API always runs on event loops of its own (never the gRPC server's)
     */
    public ManagementServer(
            ManagementOptions options, TaskDirectory tasks, Supplier<IisHost> host, EventLoopGroup ignoredGroup) {
        this.options = requireNonNull(options, "options");
        this.services = new ManagementServices(options, requireNonNull(tasks, "tasks"), requireNonNull(host, "host"));
    }

    /** Replaces the default connection bounds; call before {@link #start()}. */
    public ManagementServer connectionPolicy(ConnectionPolicy policy) {
        this.connections = java.util.Objects.requireNonNull(policy);
        return this;
    }

    /**
     * Starts the server, or logs a clear error and returns null when it cannot (no credentials,
     * port in use, bad TLS files); the driver keeps working either way.
     */
    public static ManagementServer startOrDisable(
            ManagementOptions options, TaskDirectory tasks, Supplier<IisHost> host, EventLoopGroup sharedGroup) {
        ManagementServer server = new ManagementServer(options, tasks, host, sharedGroup);
        try {
            server.start();
            ManagementApiState.markServing();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            ManagementApiState.markFailed();
            LOG.log(
                    Level.ERROR,
                    "management api disabled: failed to start",
                    LogField.of("address", String.valueOf(options.address())),
                    LogField.of("port", options.port()),
                    LogField.error(e.getMessage()));
            return null;
        }
    }

    /** Binds and starts serving; throws when it cannot. */
    public void start() throws IOException {
        if (!options.authenticationConfigured() && !options.allowAnonymous()) {
            throw new IllegalStateException("neither an api key nor a jwt secret is configured; "
                    + "set --management-api-key or --management-api-jwt-secret, or --management-api-allow-anonymous");
        }
        SslContext ssl = options.tlsCert() == null
                ? null
                : SslContextBuilder.forServer(
                                options.tlsCert().toFile(), options.tlsKey().toFile())
                        .build();
        workers = WorkerPool.create();
        Router router = new Router(services.routes());
        ApiContext api = new ApiContext(
                router,
                new Authenticator(options.apiKey(), options.jwtSecret(), options.allowAnonymous()),
                services.tasks(),
                workers,
                options.limits(),
                connections);
        ownGroup = new MultiThreadIoEventLoopGroup(
                EVENT_LOOP_THREADS, NamedThreadFactory.background("mgmt-io"), NioIoHandler.newFactory());
        try {
            channel = new ServerBootstrap()
                    .group(ownGroup)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.ALLOCATOR, ApiHeapAllocator.INSTANCE)
                    .childOption(ChannelOption.ALLOCATOR, ApiHeapAllocator.INSTANCE)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ManagementChannelInitializer(ssl, api))
                    .bind(options.address(), options.port())
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding the management api", e);
        } catch (Exception e) {
            throw new IOException(
                    "cannot listen on " + options.address() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        LOG.log(
                Level.INFO,
                options.authenticationConfigured()
                        ? "management api listening"
                        : "management api listening WITHOUT authentication",
                LogField.of("url", (ssl == null ? "http" : "https") + "://" + options.address() + ":" + port()));
    }

    /** The route table this server serves (also what the OpenAPI document describes). */
    public java.util.List<io.nomadiis.mgmt.http.Route> routes() {
        return services.routes();
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        if (workers != null) {
            // workers first: a worker that ends an upload hands its last step to the connection's event loop
            workers.shutdownNow();
            try {
                workers.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownGroup != null) {
            ownGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS)
                    .awaitUninterruptibly();
        }
        services.close();
    }
}
