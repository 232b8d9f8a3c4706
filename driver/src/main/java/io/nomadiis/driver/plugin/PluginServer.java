package io.nomadiis.driver.plugin;

import static io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.nomadiis.threads.NamedThreadFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The go-plugin gRPC server of the plugin process: plaintext HTTP/2 on 127.0.0.1, the go-plugin
 * side services (health, controller, stdio, broker) plus the Nomad services given to it. Its Netty
 * event loop group is shared with whatever else the process serves (the management API).
 *
 * <p>Threads: the event loop threads ({@code netty-io-*}) only move bytes; every service method runs on the
 * call executor ({@code grpc-call-*}, a cached pool set with {@code executor(...)}), so a handler that waits
 * on the host never holds up an event loop. Started and closed by the plugin's main thread and the
 * shutdown sequence.
 */
public final class PluginServer implements AutoCloseable {

    /** go-plugin core protocol version, first field of the handshake line. */
    public static final int CORE_PROTOCOL_VERSION = 1;

    private static final System.Logger LOG = System.getLogger(PluginServer.class.getName());
    private static final int EVENT_LOOP_THREADS = 2;

    private final Server server;
    private final EventLoopGroup eventLoopGroup;
    private final ExecutorService callExecutor;
    private final DeferredServices nomadServices;

    private PluginServer(
            Server server,
            EventLoopGroup eventLoopGroup,
            ExecutorService callExecutor,
            DeferredServices nomadServices) {
        this.server = server;
        this.eventLoopGroup = eventLoopGroup;
        this.callExecutor = callExecutor;
        this.nomadServices = nomadServices;
    }

    /** Starts serving {@code services} at once; see {@link #start(ListenPorts, ShutdownSequence)}. */
    public static PluginServer start(ListenPorts ports, List<BindableService> services, ShutdownSequence shutdown)
            throws IOException {
        PluginServer server = start(ports, shutdown);
        server.serve(services);
        return server;
    }

    /**
     * Binds the first free port of {@code ports} on 127.0.0.1 and starts serving the go-plugin
     * services; calls to the Nomad services wait until {@link #serve(List)} registers them. The
     * shutdown sequence is wired to the controller's {@code Shutdown} and closes this server.
     *
     * @throws IOException when no candidate port could be bound
     */
    public static PluginServer start(ListenPorts ports, ShutdownSequence shutdown) throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                EVENT_LOOP_THREADS, new NamedThreadFactory("netty-io"), NioIoHandler.newFactory());
        ExecutorService executor = Executors.newCachedThreadPool(new NamedThreadFactory("grpc-call"));
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("", SERVING);
        health.setStatus("plugin", SERVING);
        InetAddress loopback = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        DeferredServices nomadServices = new DeferredServices();
        IOException lastFailure = null;
        for (int port : ports.candidates()) {
            NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(loopback, port))
                    .channelType(NioServerSocketChannel.class)
                    .bossEventLoopGroup(group)
                    .workerEventLoopGroup(group)
                    .executor(executor)
                    .addService(health.getHealthService())
                    .addService(new ControllerService(shutdown::request))
                    .addService(new StdioService())
                    .addService(new BrokerService())
                    .fallbackHandlerRegistry(nomadServices);
            try {
                Server server = builder.build().start();
                PluginServer plugin = new PluginServer(server, group, executor, nomadServices);
                shutdown.register(plugin);
                return plugin;
            } catch (IOException e) {
                if (!(e instanceof BindException || e.getCause() instanceof BindException)) {
                    lastFailure = e;
                    break;
                }
                lastFailure = e;
            }
        }
        group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        executor.shutdownNow();
        throw new IOException(
                "cannot bind the plugin's gRPC listener on 127.0.0.1 (tried " + describe(ports) + ")", lastFailure);
    }

    private static String describe(ListenPorts ports) {
        if (ports.fixedPort() >= 0) {
            return "port " + ports.fixedPort();
        }
        return ports.minPort() > 0 ? "ports " + ports.minPort() + ".." + ports.maxPort() : "an ephemeral port";
    }

    /**
     * Registers the Nomad services (BasePlugin, Driver) and releases calls waiting for them; call
     * once. An empty list releases waiting calls with UNIMPLEMENTED (start-up failed).
     */
    public void serve(List<BindableService> services) {
        nomadServices.register(services);
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
    }

    /** The go-plugin handshake line (without the newline): {@code 1|2|tcp|127.0.0.1:<port>|grpc|}. */
    public String handshakeLine() {
        return CORE_PROTOCOL_VERSION + "|" + GoPluginEnvironment.APP_PROTOCOL_VERSION + "|tcp|127.0.0.1:" + port()
                + "|grpc|";
    }

    /** The Netty event loop group serving gRPC; other servers of the process may share it. */
    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup;
    }

    /** The executor running gRPC handlers (grows with concurrent long calls). */
    public ExecutorService callExecutor() {
        return callExecutor;
    }

    /** Blocks until the server has terminated. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Stops the server at once: long-lived calls (fingerprint, stdio, WaitTask) would never end on
     * their own, and Nomad kills the process 2 s after asking it to stop. Replies already written
     * (such as the controller's Shutdown answer) are flushed before the connections close.
     */
    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        eventLoopGroup.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS);
        callExecutor.shutdownNow();
        LOG.log(System.Logger.Level.DEBUG, "gRPC server stopped");
    }

    @Override
    public String toString() {
        return "gRPC server on 127.0.0.1:" + port();
    }
}
