package io.nomadiis.driver.plugin;

import io.grpc.BindableService;
import io.nomadiis.driver.ActivePluginConfig;
import io.nomadiis.driver.fingerprint.FingerprintProbe;
import io.nomadiis.driver.fingerprint.Fingerprinter;
import io.nomadiis.driver.grpc.BasePluginService;
import io.nomadiis.driver.grpc.ConfigSchemas;
import io.nomadiis.driver.grpc.DriverService;
import io.nomadiis.driver.grpc.TaskRpcs;
import io.nomadiis.driver.task.CtyTaskConfigParser;
import io.nomadiis.driver.task.DriverSettings;
import io.nomadiis.driver.task.IisTaskDriver;
import io.nomadiis.threads.NamedThreadFactory;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The assembled plugin: config in effect, fingerprint, the Nomad services and the go-plugin
 * server they run on. Nothing heavy (web server host, workers) starts here: the handshake must be
 * fast, so those start on first use.
 */
public final class NomadIisPlugin {

    private final PluginServer server;
    private final ActivePluginConfig config;
    private final ShutdownSequence shutdown;
    private final ScheduledExecutorService timer;
    private final LazyIisHost host;
    private final IisTaskDriver tasks;
    private final List<BindableService> services;

    private NomadIisPlugin(
            PluginServer server,
            ActivePluginConfig config,
            ShutdownSequence shutdown,
            ScheduledExecutorService timer,
            LazyIisHost host,
            IisTaskDriver tasks,
            List<BindableService> services) {
        this.server = server;
        this.config = config;
        this.shutdown = shutdown;
        this.timer = timer;
        this.host = host;
        this.tasks = tasks;
        this.services = services;
    }

    /** Builds the services and starts serving them; the caller prints the handshake line afterwards. */
    public static NomadIisPlugin start(PluginOptions options, ShutdownSequence shutdown) throws IOException {
        return start(options, shutdown, line -> {});
    }

    /**
     * Binds the gRPC server, hands its handshake line to {@code announce} at once, then builds the
     * Nomad services (calls arriving meanwhile wait for them). This keeps everything the handshake
     * does not need off its path.
     */
    public static NomadIisPlugin start(PluginOptions options, ShutdownSequence shutdown, Consumer<String> announce)
            throws IOException {
        PluginServer server = PluginServer.start(options.ports(), shutdown);
        announce.accept(server.handshakeLine());
        NomadIisPlugin plugin = null;
        try {
            plugin = assemble(server, options, shutdown);
        } finally {
            server.serve(plugin == null ? List.of() : plugin.services);
        }
        return plugin;
    }

    private static NomadIisPlugin assemble(PluginServer server, PluginOptions options, ShutdownSequence shutdown) {
        ConfigSchemas schemas = new ConfigSchemas();
        ActivePluginConfig config = new ActivePluginConfig(schemas.defaultPluginConfig());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("timer"));
        LazyIisHost host = new LazyIisHost(options.stateDir());
        Fingerprinter fingerprinter =
                new Fingerprinter(config::get, FingerprintProbe.of(host), options.managementApiPort());
        IisTaskDriver tasks =
                new IisTaskDriver(host, new CtyTaskConfigParser(), DriverSettings.of(options.stateDir()), config.get());
        config.onChange(tasks::configure);
        List<BindableService> services = List.of(
                new BasePluginService(schemas, config),
                new DriverService(schemas, config, fingerprinter, timer, new TaskRpcs(tasks)));
        shutdown.register(host);
        shutdown.register(tasks);
        shutdown.register(timer::shutdownNow);
        return new NomadIisPlugin(server, config, shutdown, timer, host, tasks, services);
    }

    /** The gRPC server (port, handshake line, shared event loop group). */
    public PluginServer server() {
        return server;
    }

    /** The plugin config in effect. */
    public ActivePluginConfig config() {
        return config;
    }

    /** The sequence run on Nomad's shutdown request; register parts to close there. */
    public ShutdownSequence shutdown() {
        return shutdown;
    }

    /** The web server host, created on first use. */
    public LazyIisHost host() {
        return host;
    }

    /** The driver core: its {@link IisTaskDriver#directory()} is the task registry the management API reads. */
    public IisTaskDriver tasks() {
        return tasks;
    }

    /** The shared timer for periodic work. */
    public ScheduledExecutorService timer() {
        return timer;
    }
}
