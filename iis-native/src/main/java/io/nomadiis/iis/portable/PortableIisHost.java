package io.nomadiis.iis.portable;

import static java.util.Objects.requireNonNull;

import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.HostStatus;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.InstalledCertificate;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The portable {@link IisHost}: a thin client of the state dir's portable web-server service
 * ({@link io.nomadiis.iis.portable.service.PortableWebServer}), which it starts detached on first
 * use. Sites and workers live in that service and its worker processes, so they outlive this object
 * and the plugin process; a new instance on the same state dir (a plugin restart) sees the same
 * pools, sites and worker PIDs. Constructing one is cheap: no process starts until an operation needs it,
 * and queries on a state dir with nothing deployed start nothing.
 *
 * <p>Threads: called concurrently from the driver's gRPC call executor, its {@code iis-task-driver-*}
 * scheduler (watcher, stats) and management API workers, never from an event loop: operations block on the
 * service. The class keeps no mutable state; {@link ServiceClient} serialises starting the service.
 */
public final class PortableIisHost implements IisHost {
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHANGE_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    private final StateLayout layout;
    private final ServiceClient client;

    public PortableIisHost(Path stateDir) {
        this.layout = new StateLayout(requireNonNull(stateDir, "stateDir"));
        this.client = new ServiceClient(layout);
    }

    /** Where this host keeps its files ({@code <stateDir>/iis-portable}). */
    public StateLayout layout() {
        return layout;
    }

    @Override
    public String backend() {
        return "portable";
    }

    /**
     * Measured on every fingerprint, without starting a service: the state dir must be writable (a probe
     * file is created and deleted), a running service must answer a ping, the last attempt to start one
     * must not have failed, and the JVM that would start one must be executable. Called by the fingerprint
     * thread.
     */
    @Override
    public HostStatus status() {
        String problem = problem();
        return new HostStatus(problem == null, problem == null ? "Healthy" : problem, "10.0-portable", true, false);
    }

    private String problem() {
        Path root = layout.root();
        try {
            Files.createDirectories(root);
            Path probe = root.resolve(".health-" + ProcessHandle.current().pid());
            Files.write(probe, new byte[] {1});
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            return "the portable host's state dir " + root + " is not writable: " + e;
        }
        String ping = client.pingRunning(PING_TIMEOUT);
        if (ping != null) {
            return ping;
        }
        String startFailure = client.startFailure();
        if (startFailure != null) {
            return startFailure;
        }
        Path java = Path.of(JavaCommand.javaBinary());
        if (!Files.isExecutable(java)) {
            return "cannot start the portable web server: " + java + " is not executable";
        }
        return null;
    }

    @Override
    public void deploy(WebsiteDeployment deployment) throws IisException {
        client.call(ControlOperation.DEPLOY, deployment, CHANGE_TIMEOUT);
    }

    @Override
    public void remove(WebsiteRemoval removal) throws IisException {
        if (client.hasState()) {
            client.call(ControlOperation.REMOVE, removal, CHANGE_TIMEOUT);
        }
    }

    @Override
    public InstalledCertificate installCertificate(CertificateSpec certificate) throws IisException {
        return client.call(ControlOperation.INSTALL_CERTIFICATE, certificate, CHANGE_TIMEOUT);
    }

    @Override
    public boolean certificateExists(String thumbprint) {
        String t = thumbprint == null
                ? ""
                : thumbprint.replaceAll("[^0-9A-Fa-f]", "").toUpperCase(Locale.ROOT);
        return !t.isEmpty() && Files.exists(layout.certsDir().resolve(t + ".json"));
    }

    @Override
    public List<String> siteNames() {
        return names(ControlOperation.SITE_NAMES);
    }

    @Override
    public List<String> poolNames() {
        return names(ControlOperation.POOL_NAMES);
    }

    @Override
    public Optional<SiteSpec> site(String name) {
        if (!client.hasState()) {
            return Optional.empty();
        }
        try {
            return client.call(ControlOperation.SITE, new ControlOperation.Named(name), QUERY_TIMEOUT)
                    .site();
        } catch (IisException e) {
            throw new IllegalStateException("cannot read site \"" + name + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public PoolRuntime poolRuntime(String poolName) {
        if (!client.hasState()) {
            return PoolRuntime.unknown(poolName);
        }
        try {
            return client.call(ControlOperation.POOL_RUNTIME, new ControlOperation.Named(poolName), QUERY_TIMEOUT);
        } catch (IisException e) {
            throw new IllegalStateException("cannot read app pool \"" + poolName + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public void startPool(String poolName) throws IisException {
        client.call(ControlOperation.START_POOL, new ControlOperation.Named(poolName), CHANGE_TIMEOUT);
    }

    @Override
    public void stopPool(String poolName) throws IisException {
        client.call(ControlOperation.STOP_POOL, new ControlOperation.Named(poolName), CHANGE_TIMEOUT);
    }

    @Override
    public void recyclePool(String poolName) throws IisException {
        client.call(ControlOperation.RECYCLE_POOL, new ControlOperation.Named(poolName), CHANGE_TIMEOUT);
    }

    @Override
    public void close() {
        // nothing held in this process: the service and its workers keep running
    }

    private List<String> names(ControlOperation<ControlOperation.Empty, List<String>> operation) {
        if (!client.hasState()) {
            return List.of();
        }
        try {
            return List.copyOf(client.call(operation, ControlOperation.Empty.VALUE, QUERY_TIMEOUT));
        } catch (IisException e) {
            throw new IllegalStateException("cannot list " + operation + ": " + e.getMessage(), e);
        }
    }
}
