package io.nomadiis.iis.windows;

import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.HostStatus;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.InstalledCertificate;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.iis.cert.Thumbprints;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * IIS 10 through AHADMIN COM automation. Configuration changes of one deploy or removal are planned in
 * plain Java ({@link ConfigPlanner}) and committed once by {@link ConfigWriter}; runtime state and the
 * pool/site methods come from {@link IisRuntime}; certificates live in LocalMachine\My
 * ({@link MachineCertificateStore}). Every COM call runs on one {@link ComCallThread}.
 *
 * <p>Differences from the portable host and known gaps: IIS starts worker processes on the first
 * request (unless a pool's {@code start_mode} is {@code AlwaysRunning}), so a freshly deployed pool
 * reports no PID until it has served a request; {@link io.nomadiis.iis.AppPoolSpec#stdoutPath()} is not
 * used (w3wp has no console; ASP.NET Core apps log through ANCM's {@code stdoutLogFile}); the
 * rapid-fail reason of a stopped pool is not reported ({@link PoolRuntime#failure()} is null); the
 * http.sys certificate registration of a binding is removed with the site but not when other sites share
 * the same {@code ip:port}. Directory ACLs are only planned ({@link AclPlanner}), not applied.
 */
public final class WindowsIisHost implements IisHost {
    private static final System.Logger LOG = System.getLogger(WindowsIisHost.class.getName());
    private static final Duration COM_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SITE_START = Duration.ofSeconds(10);
    private static final Duration POOL_CHANGE = Duration.ofMinutes(1);

    private final ComCallThread com;
    private final ConfigWriter writer;
    private final IisRuntime runtime;
    private final MachineCertificateStore certificates = new MachineCertificateStore();
    private final IisHostProbe probe;
    private final Object changes = new Object();

    /** A host on this machine's IIS; cheap until the first call (the COM thread starts idle). */
    public WindowsIisHost() {
        this.com = new ComCallThread(COM_TIMEOUT);
        this.writer = new ConfigWriter(com);
        this.runtime = new IisRuntime(com);
        this.probe = new IisHostProbe(IisInstallation.of(System.getenv()));
    }

    /**
     * Why this machine cannot use the Windows host, or null when it can: not Windows, or IIS's AHADMIN
     * ({@code inetsrv\ahadmin.dll}) is not installed.
     */
    public static String unavailabilityCause() {
        if (!System.getProperty("os.name", "").toLowerCase().startsWith("windows")) {
            return "not Windows (" + System.getProperty("os.name") + ")";
        }
        IisInstallation installation = IisInstallation.of(System.getenv());
        if (!Files.exists(installation.ahadmin())) {
            return "IIS is not installed: " + installation.ahadmin() + " does not exist";
        }
        return null;
    }

    @Override
    public String backend() {
        return "windows";
    }

    @Override
    public HostStatus status() {
        try {
            return probe.status();
        } catch (RuntimeException e) {
            return new HostStatus(false, "cannot query IIS: " + e.getMessage(), "Unknown", false, false);
        }
    }

    @Override
    public void deploy(WebsiteDeployment deployment) throws IisException {
        synchronized (changes) {
            String site = deployment.site().name();
            List<String> paths = deployment.ownsSite()
                    ? List.of()
                    : runtime.site(site)
                            .map(s ->
                                    s.applications().stream().map(a -> a.path()).toList())
                            .orElse(List.of());
            IisDeploymentCheck.check(
                    deployment, runtime.keys(ConfigStep.POOLS, "name"), runtime.keys(ConfigStep.SITES, "name"), paths);
            writer.apply(ConfigPlanner.deployment(deployment, SiteIds.lowestFree(runtime.siteIds())));
            try {
                for (BindingSpec binding : deployment.site().bindings()) {
                    if (deployment.ownsSite() && Bindings.isHttps(binding)) {
                        runtime.addSslCertificate(
                                site,
                                Bindings.information(binding),
                                Thumbprints.normalize(binding.certificateThumbprint()));
                    }
                }
                if (deployment.ownsSite()) {
                    ensureSiteStarted(deployment);
                }
                for (var pool : deployment.pools()) {
                    startPool(pool.name());
                }
            } catch (IisException | RuntimeException e) {
                rollback(deployment, e);
                throw e;
            }
        }
    }

    @Override
    public void remove(WebsiteRemoval removal) throws IisException {
        synchronized (changes) {
            for (String pool : removal.poolNames()) {
                try {
                    stopPool(pool);
                } catch (IisException e) {
                    LOG.log(System.Logger.Level.DEBUG, "stopping app pool before removal: " + e.getMessage());
                }
            }
            if (removal.ownsSite()) {
                unbindCertificates(removal.siteName());
            }
            List<String> remaining = References.remainingProviders(runtime.providerReferences(), removal);
            writer.apply(ConfigPlanner.removal(
                    removal, References.unreferencedProviders(removal.autoStartProviderNames(), remaining)));
            if (!removal.certificateThumbprints().isEmpty()) {
                for (String thumbprint : References.unusedCertificates(
                        removal.certificateThumbprints(), runtime.boundCertificateHashes())) {
                    certificates.removeManaged(thumbprint);
                }
            }
        }
    }

    @Override
    public InstalledCertificate installCertificate(CertificateSpec certificate) throws IisException {
        return certificates.install(certificate);
    }

    @Override
    public boolean certificateExists(String thumbprint) {
        return certificates.exists(thumbprint);
    }

    @Override
    public List<String> siteNames() {
        return query(() -> runtime.keys(ConfigStep.SITES, "name"));
    }

    @Override
    public List<String> poolNames() {
        return query(() -> runtime.keys(ConfigStep.POOLS, "name"));
    }

    @Override
    public Optional<SiteSpec> site(String name) {
        return query(() -> runtime.site(name));
    }

    @Override
    public PoolRuntime poolRuntime(String poolName) {
        return query(() -> runtime.poolRuntime(poolName));
    }

    /** Starts the pool and waits (up to a minute) until IIS reports it started. */
    @Override
    public void startPool(String poolName) throws IisException {
        PoolState state = runtime.poolRuntime(poolName).state();
        if (state != PoolState.STARTED && state != PoolState.STARTING) {
            runtime.poolMethod(poolName, "Start");
        }
        awaitPool(poolName, true);
    }

    /** Stops the pool and waits (up to a minute) until it is stopped and its workers are gone. */
    @Override
    public void stopPool(String poolName) throws IisException {
        PoolState state = runtime.poolRuntime(poolName).state();
        if (state == PoolState.UNKNOWN) {
            return;
        }
        if (state != PoolState.STOPPED && state != PoolState.STOPPING) {
            runtime.poolMethod(poolName, "Stop");
        }
        awaitPool(poolName, false);
    }

    @Override
    public void recyclePool(String poolName) throws IisException {
        runtime.poolMethod(poolName, "Recycle");
    }

    @Override
    public void close() {
        com.close();
    }

    private void ensureSiteStarted(WebsiteDeployment deployment) throws IisException {
        String site = deployment.site().name();
        long deadline = System.nanoTime() + SITE_START.toNanos();
        while (System.nanoTime() < deadline) {
            if (runtime.siteState(site) == PoolState.STARTED) {
                return;
            }
            sleep();
        }
        try {
            runtime.startSite(site);
        } catch (IisException e) {
            String bindings = String.join(
                    ", ",
                    deployment.site().bindings().stream()
                            .map(Bindings::information)
                            .toList());
            throw new IisException(
                    "failed to start site \"" + site + "\" on " + bindings
                            + (e.getMessage().contains(ComFailure.hex(ComFailure.SHARING_VIOLATION))
                                    ? ": a port is already in use by another process"
                                    : ": " + e.getMessage()),
                    e);
        }
    }

    private void awaitPool(String poolName, boolean started) throws IisException {
        long deadline = System.nanoTime() + POOL_CHANGE.toNanos();
        while (System.nanoTime() < deadline) {
            PoolRuntime pool = runtime.poolRuntime(poolName);
            if (started
                    ? pool.state() == PoolState.STARTED
                    : pool.state() == PoolState.STOPPED && !pool.workerRunning() || pool.state() == PoolState.UNKNOWN) {
                return;
            }
            sleep();
        }
        LOG.log(
                System.Logger.Level.WARNING,
                "app pool \"" + poolName + "\" is not " + (started ? "started" : "stopped") + " "
                        + POOL_CHANGE.toSeconds() + " s after the request");
    }

    private void unbindCertificates(String siteName) {
        try {
            for (BindingSpec binding :
                    runtime.site(siteName).map(SiteSpec::bindings).orElse(List.of())) {
                if (Bindings.isHttps(binding) && binding.certificateThumbprint() != null) {
                    runtime.removeSslCertificate(siteName, Bindings.information(binding));
                }
            }
        } catch (IisException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "cannot remove the certificate bindings of site \"" + siteName + "\": " + e.getMessage());
        }
    }

    private void rollback(WebsiteDeployment deployment, Exception failure) {
        try {
            remove(ConfigPlanner.undo(deployment));
        } catch (IisException | RuntimeException e) {
            failure.addSuppressed(e);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "rolling back the deployment of site \"" + deployment.site().name() + "\" failed: "
                            + e.getMessage());
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Query<T> {
        T get() throws IisException;
    }

    private static <T> T query(Query<T> query) {
        try {
            return query.get();
        } catch (IisException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
