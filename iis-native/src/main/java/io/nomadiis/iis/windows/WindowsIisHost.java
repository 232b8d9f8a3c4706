package io.nomadiis.iis.windows;

import io.nomadiis.iis.BindingSpec;
import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.DirectoryLockdown;
import io.nomadiis.iis.DirectoryRelease;
import io.nomadiis.iis.HostStatus;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.InstalledCertificate;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.PoolState;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.log.LogField;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * IIS 10 through AHADMIN. Configuration changes of one deploy or removal are planned in plain Java
 * ({@link ConfigPlanner}) against the configuration as it is at commit time and committed once by
 * {@link ConfigWriter}; runtime state and the pool/site methods come from {@link IisRuntime}; certificates live
 * in the machine store ({@link WindowsCertificates}). Every AHADMIN call goes through {@link AdminCalls}: on
 * Windows the one COM thread ({@link ComCallThread}), in tests an in-memory model of AHADMIN, so everything
 * here runs on Linux.
 *
 * <p>IIS's timing (windows-iis.md sections 1 and 2): WAS loads committed objects asynchronously, so right
 * after a commit a new site's or pool's {@code state} cannot be read and {@code Start} fails with
 * {@code 0x800710D8}; {@code Start} on a stopping pool fails with {@code 0x80070425}; a commit fails with
 * {@code 0x80070020} while another process holds applicationHost.config. All are retried with backoff within
 * {@link Timings}. Like the C# plugin, a deploy trusts the pool's {@code autoStart} and the site's
 * {@code serverAutoStart}: it waits for IIS to start them and calls {@code Start} only on an object IIS left
 * stopped. A failure that retrying may fix is thrown {@link IisException#retryable() retryable}.
 *
 * <p>Threads: called by the driver's RPC threads, its task watcher and stats ticks, and management API
 * workers, never by an event loop (calls wait). Only configuration commits and http.sys registrations are
 * serialised (one lock, held for the commit alone); waiting for a pool or site state holds no lock, so one
 * task's slow pool stop does not hold another task's start.
 *
 * <p>Differences from the portable host: IIS starts worker processes on the first request (unless a pool's
 * {@code start_mode} is {@code AlwaysRunning}), so a freshly deployed pool reports no PID until it has served
 * a request; {@link io.nomadiis.iis.AppPoolSpec#stdoutPath()} is not used (w3wp has no console). A pool that
 * IIS reports Stopped although the driver did not stop it (rapid-fail protection, an administrator) carries a
 * {@link PoolRuntime#failure()}: why, when WAS logged it in the System event log ({@link WasEventLog}; event
 * 5002 is rapid-fail protection, see {@link WasEvent}) since the host last saw the pool running; otherwise the
 * generic text, which says it may have been an administrator. The log is read once per stop of a pool, not per
 * read. Which pools the driver stopped on purpose survives plugin restarts ({@link PoolsStoppedOnPurpose}, a file
 * under the host's state directory), so a recovered task whose pool the operator stopped is not ended.
 */
public final class WindowsIisHost implements IisHost {
    private static final System.Logger LOG = System.getLogger(WindowsIisHost.class.getName());
    private static final Duration COM_TIMEOUT = Duration.ofMinutes(2);
    /** How long one read of the System event log may take. */
    private static final Duration EVENT_LOG_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long to wait for IIS.
     *
     * @param transientBudget how long to retry a call failing transiently (IISDeployer.cs retries for 10 s;
     *     windows-iis.md says 10-30 s)
     * @param firstBackoff the first pause between retries
     * @param maxBackoff the longest pause between retries
     * @param stateChange how long to wait for a pool or site to reach the state asked for
     */
    public record Timings(Duration transientBudget, Duration firstBackoff, Duration maxBackoff, Duration stateChange) {
        /** The timings used against real IIS. */
        public static Timings defaults() {
            return new Timings(
                    Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMinutes(1));
        }

        TransientRetry retry() {
            return new TransientRetry(transientBudget, firstBackoff, maxBackoff);
        }
    }

    private final AdminCalls calls;
    private final ConfigWriter writer;
    private final IisRuntime runtime;
    private final WindowsCertificates certificates;
    private final Supplier<HostStatus> status;
    private final Timings timings;
    private final TransientRetry retry;
    private final DirectorySecurity directorySecurity;
    /** Serialises configuration commits and http.sys registrations; never held while waiting for a state. */
    private final Object commits = new Object();
    /** Pools stopped through this host; a Stopped pool not in here was stopped by IIS or an admin. */
    private final PoolsStoppedOnPurpose stoppedOnPurpose;
    /** Why IIS stopped a pool the driver wanted running (from WAS's events in the System log). */
    private final PoolStopReasons stopReasons;

    /**
     * A host on this machine's IIS; cheap until the first call (the COM thread starts idle).
     *
     * @param stateDir where the host keeps its state (which pools the driver stopped)
     */
    public WindowsIisHost(Path stateDir) {
        this(
                new ComCallThread(COM_TIMEOUT),
                new ManagedCertificates(new MachineCertificateStore()),
                new IisHostProbe(IisInstallation.of(System.getenv()))::status,
                Timings.defaults(),
                stateDir,
                DirectorySecurity.local(),
                new WevtutilEventLog(EVENT_LOG_TIMEOUT));
    }

    /**
     * A host on the given AHADMIN, Windows security calls and event log.
     *
     * @param calls runs AHADMIN calls (the COM thread, or an in-memory AHADMIN)
     * @param certificates the machine certificate store
     * @param status the fingerprint's view of the web server
     * @param timings how long to wait for IIS
     * @param stateDir where the host keeps its state (which pools the driver stopped)
     * @param directorySecurity applies and releases {@code directory_security}
     * @param wasEvents WAS's events in the System log
     */
    WindowsIisHost(
            AdminCalls calls,
            WindowsCertificates certificates,
            Supplier<HostStatus> status,
            Timings timings,
            Path stateDir,
            DirectorySecurity directorySecurity,
            WasEventLog wasEvents) {
        this.stoppedOnPurpose = new PoolsStoppedOnPurpose(stateDir);
        this.stopReasons = new PoolStopReasons(wasEvents);
        this.directorySecurity = directorySecurity;
        this.calls = calls;
        this.timings = timings;
        this.retry = timings.retry();
        this.writer = new ConfigWriter(calls, retry);
        this.runtime = new IisRuntime(calls);
        this.certificates = certificates;
        this.status = status;
    }

    /**
     * Why this machine cannot use the Windows host, or null when it can: not Windows, or IIS's AHADMIN
     * ({@code inetsrv\ahadmin.dll}) is not installed.
     */
    public static String unavailabilityCause() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
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
            return status.get();
        } catch (RuntimeException e) {
            return new HostStatus(false, "cannot query IIS: " + e.getMessage(), "Unknown", false, false);
        }
    }

    /**
     * Applies the C# plugin's folder ACL plan for the task's pools ({@link DirectorySecurity}); called by the
     * driver after {@link #deploy}, waiting (bounded) until WAS has created the new pools' accounts.
     */
    @Override
    public void lockDownDirectories(DirectoryLockdown lockdown) throws IisException {
        try {
            directorySecurity.apply(lockdown);
        } catch (LinkageError e) {
            throw new IisException("directory_security needs Windows' advapi32: " + e, false, e);
        }
    }

    /** Removes the access entries {@link #lockDownDirectories} added, and nothing else. */
    @Override
    public void releaseDirectories(DirectoryRelease release) throws IisException {
        try {
            directorySecurity.release(release);
        } catch (LinkageError e) {
            throw new IisException("directory_security needs Windows' advapi32: " + e, false, e);
        }
    }

    /**
     * Commits the deployment (checked and planned against the configuration at commit time), runs the
     * post-commit steps, registers https certificates with http.sys, then waits for IIS to start the site and
     * the pools. On failure everything this call created is removed again.
     */
    @Override
    public void deploy(WebsiteDeployment deployment) throws IisException {
        String site = deployment.site().name();
        synchronized (commits) {
            writer.apply("deploy site \"" + site + "\"", admin -> {
                List<String> paths = deployment.ownsSite()
                        ? List.of()
                        : IisRuntime.site(admin, site)
                                .map(s -> s.applications().stream()
                                        .map(a -> a.path())
                                        .toList())
                                .orElse(List.of());
                IisDeploymentCheck.check(
                        deployment,
                        IisRuntime.keys(admin, ConfigStep.POOLS, "name"),
                        IisRuntime.keys(admin, ConfigStep.SITES, "name"),
                        paths);
                if (deployment.ownsSite()) {
                    BindingConflicts.check(site, deployment.site().bindings(), IisRuntime.bindings(admin));
                }
                return ConfigPlanner.deployment(deployment, SiteIds.lowestFree(IisRuntime.siteIds(admin)));
            });
        }
        try {
            if (deployment.ownsSite()) {
                synchronized (commits) {
                    HttpsRegistrations.register(runtime, site, deployment.site().bindings());
                }
                awaitSiteStarted(deployment);
            }
            for (var pool : deployment.pools()) {
                wantRunning(pool.name());
                awaitPoolStarted(pool.name());
            }
        } catch (IisException | RuntimeException e) {
            rollback(deployment, e);
            throw e;
        }
    }

    @Override
    public void remove(WebsiteRemoval removal) throws IisException {
        if (removal.stopTimeout() != null) {
            stoppedOnPurpose.addAll(removal.poolNames()); // the driver stops them: their stop is no failure
            new PoolStopDeadline(
                            new PoolStopDeadline.PoolCalls() {
                                @Override
                                public PoolRuntime runtime(String pool) throws IisException {
                                    return runtime.poolRuntime(pool);
                                }

                                @Override
                                public void requestStop(String pool) throws IisException {
                                    requestPoolStop(pool);
                                }
                            },
                            PoolStopDeadline::isW3wp,
                            timings.firstBackoff())
                    .stop(removal.poolNames(), removal.stopTimeout());
        } else {
            for (String pool : removal.poolNames()) {
                try {
                    stopPool(pool);
                } catch (IisException e) {
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            "stopping the app pool before removal failed",
                            LogField.pool(pool),
                            LogField.error(e.getMessage()));
                }
            }
        }
        synchronized (commits) {
            if (removal.ownsSite()) {
                HttpsRegistrations.unregister(runtime, removal.siteName());
            }
            writer.apply(
                    "remove site \"" + removal.siteName() + "\"",
                    admin -> ConfigPlanner.removal(
                            removal,
                            References.unreferencedProviders(
                                    removal.autoStartProviderNames(),
                                    References.remainingProviders(providerReferences(admin), removal))));
            if (!removal.certificateThumbprints().isEmpty()) {
                for (String thumbprint : References.unusedCertificates(
                        removal.certificateThumbprints(), runtime.boundCertificateHashes())) {
                    certificates.removeManaged(thumbprint);
                }
            }
        }
        stoppedOnPurpose.removeAll(removal.poolNames());
        removal.poolNames().forEach(stopReasons::forget);
    }

    private static List<References.ProviderReference> providerReferences(AppHostAdmin admin) {
        List<References.ProviderReference> references = new java.util.ArrayList<>();
        for (AppHostElement site : Elements.list(admin.section(ConfigStep.SITES).collection())) {
            String siteName = Elements.text(site, "name");
            for (AppHostElement app : Elements.list(site.collection())) {
                references.add(new References.ProviderReference(
                        siteName, Elements.text(app, "path"), Elements.text(app, "serviceAutoStartProvider")));
            }
        }
        return references;
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
        return poolRuntimes(List.of(poolName)).get(poolName);
    }

    /** One walk of the pool collection for all the names (the stats snapshot). */
    @Override
    public Map<String, PoolRuntime> poolRuntimes(Collection<String> poolNames) {
        Instant readAt = Instant.now();
        Map<String, PoolRuntime> read = query(() -> runtime.poolRuntimes(poolNames));
        Map<String, PoolRuntime> result = new LinkedHashMap<>();
        PoolStopReasons.Snapshot reasons = stopReasons.snapshot(); // one read of the event log at most
        read.forEach((name, pool) -> result.put(name, withFailure(pool, readAt, reasons)));
        return result;
    }

    /**
     * A pool IIS reports Stopped that the driver did not stop: rapid-fail protection stops a pool with no
     * call of ours (windows-iis.md section 2; default 5 crashes in 5 minutes), and so does an administrator.
     * The failure says why when WAS logged it ({@link PoolStopReasons}).
     */
    private PoolRuntime withFailure(PoolRuntime pool, Instant readAt, PoolStopReasons.Snapshot reasons) {
        if (pool.presence() != PoolRuntime.Presence.PRESENT) {
            return pool;
        }
        if (pool.state() == PoolState.STARTED || pool.state() == PoolState.STARTING) {
            stopReasons.sawRunning(pool.name(), readAt);
            return pool;
        }
        if (pool.state() == PoolState.STOPPED && !stoppedOnPurpose.contains(pool.name())) {
            return new PoolRuntime(
                    pool.name(), pool.state(), pool.workerPids(), reasons.reasonFor(pool.name()), pool.presence());
        }
        return pool;
    }

    /** The driver wants the pool running: a later stop is IIS's, and a WAS event logged before now is not about it. */
    private void wantRunning(String pool) {
        stoppedOnPurpose.remove(pool);
        stopReasons.sawRunning(pool, Instant.now());
    }

    /** The driver stops the pool: its stop is no failure. */
    private void wantStopped(String pool) {
        stoppedOnPurpose.add(pool);
    }

    /** Starts the pool (retrying while IIS has not loaded it or is still stopping it) and waits until it is started. */
    @Override
    public void startPool(String poolName) throws IisException {
        wantRunning(poolName);
        retry.run(() -> {
            PoolRuntime pool = readableRuntime(poolName);
            if (pool.state() != PoolState.STARTED && pool.state() != PoolState.STARTING) {
                runtime.poolMethod(poolName, "Start");
            }
            return null;
        });
        awaitPool(poolName, true);
    }

    /** Stops the pool (retrying transient failures) and waits until it is stopped and its workers are gone. */
    @Override
    public void stopPool(String poolName) throws IisException {
        wantStopped(poolName);
        if (requestPoolStop(poolName)) {
            awaitPool(poolName, false);
        }
    }

    /** Asks IIS to stop the pool (retrying transient failures) without waiting; false when it does not exist. */
    private boolean requestPoolStop(String poolName) throws IisException {
        return retry.run(() -> {
            PoolRuntime pool = runtime.poolRuntime(poolName);
            if (pool.presence() == PoolRuntime.Presence.ABSENT) {
                return false;
            }
            pool = readableRuntime(poolName);
            if (pool.state() != PoolState.STOPPED && pool.state() != PoolState.STOPPING) {
                runtime.poolMethod(poolName, "Stop");
            }
            return true;
        });
    }

    @Override
    public void recyclePool(String poolName) throws IisException {
        retry.run(() -> {
            runtime.poolMethod(poolName, "Recycle");
            return null;
        });
    }

    @Override
    public void close() {
        calls.close();
    }

    /** The pool's runtime, throwing a retryable failure while it is unreadable and a permanent one when absent. */
    private PoolRuntime readableRuntime(String poolName) throws IisException {
        PoolRuntime pool = runtime.poolRuntime(poolName);
        switch (pool.presence()) {
            case ABSENT -> throw new IisException("app pool \"" + poolName + "\" does not exist");
            case UNREADABLE ->
                throw new IisException(
                        "the state of app pool \"" + poolName + "\" cannot be read (HRESULT "
                                + HResults.hex(HResults.OBJECT_NOT_FOUND) + "; "
                                + HResults.meaning(HResults.OBJECT_NOT_FOUND, "", HResults.Call.RUNTIME) + ")",
                        true,
                        null);
            default -> {
                return pool;
            }
        }
    }

    /**
     * Waits until IIS has started the site itself ({@code serverAutoStart}); starts it only when IIS reports it
     * stopped. A port held by another process fails permanently, naming the bindings.
     */
    private void awaitSiteStarted(WebsiteDeployment deployment) throws IisException {
        String site = deployment.site().name();
        long deadline = System.nanoTime() + timings.stateChange().toNanos();
        boolean startCalled = false;
        IisException last = null;
        while (System.nanoTime() < deadline) {
            try {
                PoolState state = runtime.siteState(site);
                if (state == PoolState.STARTED) {
                    return;
                }
                if (state == PoolState.STOPPED && !startCalled) {
                    startCalled = true;
                    startSite(deployment);
                    continue;
                }
            } catch (IisException e) {
                if (!e.retryable()) {
                    throw e;
                }
                last = e;
            }
            TransientRetry.pause(timings.firstBackoff().toMillis());
        }
        throw new IisException(
                "site \"" + site + "\" is not started " + timings.stateChange().toSeconds() + " s after its commit"
                        + (last == null ? "" : ": " + last.getMessage()),
                true,
                last);
    }

    private void startSite(WebsiteDeployment deployment) throws IisException {
        String site = deployment.site().name();
        try {
            retry.run(() -> {
                runtime.startSite(site);
                return null;
            });
        } catch (IisException e) {
            if (e.retryable()) {
                throw e;
            }
            String bindings = String.join(
                    ", ",
                    deployment.site().bindings().stream()
                            .map(Bindings::information)
                            .toList());
            throw new IisException("failed to start site \"" + site + "\" on " + bindings + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until IIS has started the pool itself ({@code autoStart}); starts it only when IIS reports it
     * stopped, retrying {@code Start} while the pool is still stopping.
     */
    private void awaitPoolStarted(String poolName) throws IisException {
        long deadline = System.nanoTime() + timings.stateChange().toNanos();
        while (System.nanoTime() < deadline) {
            PoolRuntime pool = runtime.poolRuntime(poolName);
            if (pool.presence() == PoolRuntime.Presence.ABSENT) {
                throw new IisException("app pool \"" + poolName + "\" disappeared while it was being started");
            }
            if (pool.state() == PoolState.STARTED) {
                return;
            }
            if (pool.presence() == PoolRuntime.Presence.PRESENT && pool.state() == PoolState.STOPPED) {
                startPool(poolName);
                return;
            }
            TransientRetry.pause(timings.firstBackoff().toMillis());
        }
        throw new IisException(
                "app pool \"" + poolName + "\" is not started "
                        + timings.stateChange().toSeconds()
                        + " s after its commit (IIS has not loaded it yet, or W3SVC is not running)",
                true,
                null);
    }

    private void awaitPool(String poolName, boolean started) throws IisException {
        long deadline = System.nanoTime() + timings.stateChange().toNanos();
        while (System.nanoTime() < deadline) {
            PoolRuntime pool = runtime.poolRuntime(poolName);
            if (pool.presence() == PoolRuntime.Presence.ABSENT) {
                return;
            }
            if (started
                    ? pool.state() == PoolState.STARTED
                    : pool.state() == PoolState.STOPPED && !pool.workerRunning()) {
                return;
            }
            TransientRetry.pause(timings.firstBackoff().toMillis());
        }
        LOG.log(
                System.Logger.Level.WARNING,
                started
                        ? "app pool not started in time after the request"
                        : "app pool not stopped in time after the request",
                LogField.pool(poolName),
                LogField.of("wait_seconds", timings.stateChange().toSeconds()));
    }

    private void rollback(WebsiteDeployment deployment, Exception failure) {
        try {
            remove(ConfigPlanner.undo(deployment));
        } catch (IisException | RuntimeException e) {
            failure.addSuppressed(e);
            LOG.log(
                    System.Logger.Level.WARNING,
                    "rolling back the site's deployment failed",
                    LogField.site(deployment.site().name()),
                    LogField.error(e.getMessage()));
        }
    }

    private static String key(String poolName) {
        return poolName.toLowerCase(Locale.ROOT);
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

    /** The bindings of a site, for messages. */
    static String describe(List<BindingSpec> bindings) {
        return String.join(", ", bindings.stream().map(Bindings::information).toList());
    }
}
