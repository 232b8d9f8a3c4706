package io.nomadiis.iis.windows;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.HostStatus;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.PoolAttribute;
import io.nomadiis.iis.PoolIdentity;
import io.nomadiis.iis.PoolSettings;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.StartMode;
import io.nomadiis.iis.WebsiteDeployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The real {@link WindowsIisHost} over the in-memory AHADMIN ({@link AhAdminDouble}, a double of IIS, the external
 * system) and an in-memory machine certificate store, for the tests of other modules (shared through iis-native's
 * test jar). Pools and sites behave as IIS's do (state, start, stop, recycle); workers are real idle processes,
 * so their PIDs are real. {@link #close()} ends the host and every worker.
 *
 * <p>Threads: any test thread; the host serialises AHADMIN calls as the real one does.
 */
public final class WindowsIisHostOnDouble implements AutoCloseable {
    /** The double's delays are zero, so these budgets only bound a loaded machine's scheduling. */
    private static final WindowsIisHost.Timings TIMINGS = new WindowsIisHost.Timings(
            Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(30));

    private final AhAdminDouble iis = new AhAdminDouble();
    /** The host's state dir (which pools the driver stopped), deleted by {@link #close()}. */
    private final Path stateDir = temporaryStateDir();

    private final WindowsIisHost host = new WindowsIisHost(
            iis,
            new ManagedCertificates(new InMemoryCertificateStore()),
            () -> new HostStatus(true, "Healthy", "10.0", false, false),
            TIMINGS,
            stateDir,
            DirectorySecurity.local(),
            iis);
    /** Each site gets its own port: two started sites with one binding conflict, as in IIS. */
    private final AtomicInteger nextPort = new AtomicInteger(20_000);

    /** The host. */
    public WindowsIisHost host() {
        return host;
    }

    /**
     * Deploys an owned site {@code site} with one http binding and its root application in {@code folder}, served
     * by pool {@code pool} with {@code startMode} AlwaysRunning, so the pool has a worker (a real process) whenever
     * it is started. Returns when IIS has started both.
     */
    public void deploySite(String site, String pool, Path folder) throws IisException {
        AppPoolSpec poolSpec = new AppPoolSpec(
                pool,
                PoolIdentity.APPLICATION_POOL_IDENTITY,
                null,
                null,
                PoolSettings.none().with(PoolAttribute.START_MODE, StartMode.ALWAYS_RUNNING),
                Map.of(),
                List.of(),
                null,
                null);
        BindingSpec binding = new BindingSpec("http", "*", nextPort.getAndIncrement(), "", false, null);
        ApplicationSpec root = new ApplicationSpec("/", folder, pool, null, null, null, List.of(), List.of());
        host.deploy(new WebsiteDeployment(
                List.of(poolSpec), new SiteSpec(site, List.of(binding), List.of(root), pool), true, List.of()));
    }

    /**
     * The command the pools' workers run from now on (default {@code sleep 600}; a worker's memory depends on the
     * application it hosts). Workers running already keep theirs.
     */
    public WindowsIisHostOnDouble workerCommand(String... command) {
        iis.workerCommand(List.of(command));
        return this;
    }

    /** The runtime methods IIS was asked to run so far, as {@code Method object} (for example {@code Stop pool}). */
    public List<String> methodCalls() {
        return iis.methodCalls();
    }

    /** Closes the host, ends every worker process and deletes the host's state dir. */
    @Override
    public void close() {
        try {
            host.close();
        } finally {
            iis.shutdown();
            deleteStateDir();
        }
    }

    private static Path temporaryStateDir() {
        try {
            return Files.createTempDirectory("nomad-iis-windows-state");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteStateDir() {
        try (Stream<Path> files = Files.walk(stateDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
