package io.nomadiis.iis.portable.service;

import io.nomadiis.iis.AppPoolSpec;
import io.nomadiis.iis.ApplicationSpec;
import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.InstalledCertificate;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.iis.portable.HttpForwarder;
import io.nomadiis.iis.portable.StateLayout;
import io.nomadiis.log.LogField;
import io.nomadiis.threads.NamedThreadFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The service's model of the web server (WAS plus applicationHost.config plus HTTP.sys): the
 * configuration, one {@link PoolSupervisor} per pool, the listeners and the certificate store.
 * Configuration operations run one at a time; queries read snapshots.
 */
final class ApplicationHost {
    private static final System.Logger LOG = System.getLogger(ApplicationHost.class.getName());

    private final StateLayout layout;
    private final ConfigurationStore store;
    private final CertificateStore certificates;
    private final Map<String, PoolSupervisor> pools = new ConcurrentHashMap<>();
    private final ReentrantLock operations = new ReentrantLock();
    private final ExecutorService background = Executors.newCachedThreadPool(new NamedThreadFactory("portable-host"));
    private final SiteListeners listeners;
    private volatile Routing routing;

    ApplicationHost(StateLayout layout, ConfigurationStore store) {
        this.layout = layout;
        this.store = store;
        this.certificates = new CertificateStore(layout.certsDir());
        this.routing = Routing.of(store.current());
        HttpForwarder forwarder = new HttpForwarder();
        this.listeners = new SiteListeners(
                endpoint -> new SiteHandler(endpoint, () -> routing, pools::get, forwarder),
                endpoint -> certificates.sslContext(endpoint, () -> routing.bindings(endpoint)),
                background);
    }

    /** After a service start: re-adopts running workers (or starts them) and opens every binding. */
    void restore() {
        HostConfiguration config = store.current();
        List<Future<?>> starts = new ArrayList<>();
        for (HostConfiguration.PoolEntry entry : config.pools().values()) {
            PoolSupervisor pool = supervisor(entry.spec());
            pool.restoreFailure(entry.failure());
            Optional<WorkerProcess> worker =
                    WorkerProcess.adopt(layout, entry.spec().name());
            if (entry.started() && worker.isPresent()) {
                pool.adopt(worker.get());
                LOG.log(
                        System.Logger.Level.INFO,
                        "re-adopted the app pool's worker process",
                        LogField.pool(pool.name()),
                        LogField.pid(worker.get().pid()));
            } else {
                worker.ifPresent(w -> w.terminate(java.time.Duration.ofSeconds(10)));
                if (entry.started()) {
                    starts.add(background.submit(() -> {
                        try {
                            pool.start();
                        } catch (IisException e) {
                            String failure = "its worker process could not be started again: " + e.getMessage();
                            pool.restoreFailure(failure);
                            poolStateChanged(pool.name(), false, failure);
                            LOG.log(
                                    System.Logger.Level.WARNING,
                                    "app pool not restored",
                                    LogField.pool(pool.name()),
                                    LogField.error(failure));
                        }
                        return null;
                    }));
                }
            }
        }
        await(starts);
        for (Endpoint endpoint : routing.endpoints()) {
            try {
                listeners.openAll(List.of(endpoint), "(restored)");
            } catch (IisException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "cannot reopen a binding",
                        LogField.of("endpoint", String.valueOf(endpoint)),
                        LogField.error(e.getMessage()));
                bindingLost(endpoint, e.getMessage());
            }
        }
    }

    /**
     * A binding that cannot be opened again after a service restart (its port was taken meanwhile): like
     * IIS, which leaves such a site stopped, the site serves nothing there; so that this never looks like
     * a running site, every pool of every site bound there is stopped with the reason recorded as its
     * failure, which the driver's watcher reads and ends the task with.
     */
    private void bindingLost(Endpoint endpoint, String why) {
        List<Future<?>> stops = new ArrayList<>();
        for (SiteSpec site : routing.sites(endpoint)) {
            String failure = "binding " + endpoint + " of website \"" + site.name()
                    + "\" could not be opened again after a service restart: " + why;
            Set<String> poolNames = new HashSet<>();
            site.applications().forEach(a -> poolNames.add(a.poolName()));
            for (String name : poolNames) {
                PoolSupervisor pool = pools.get(name);
                if (pool == null) {
                    continue;
                }
                pool.restoreFailure(failure);
                stops.add(background.submit(() -> {
                    pool.stop();
                    return null;
                }));
                LOG.log(
                        System.Logger.Level.WARNING,
                        "app pool stopped: its site's binding is lost",
                        LogField.pool(name),
                        LogField.site(site.name()),
                        LogField.error(failure));
            }
        }
        await(stops);
    }

    /** Recycles pools whose {@code periodicRestart} time has passed; called periodically by the service. */
    void recycleDuePools() {
        for (PoolSupervisor pool : pools.values()) {
            if (pool.dueForPeriodicRestart()) {
                background.execute(() -> {
                    try {
                        pool.recycle();
                        LOG.log(
                                System.Logger.Level.INFO,
                                "recycled the app pool (periodic restart)",
                                LogField.pool(pool.name()));
                    } catch (IisException e) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "periodic recycle of the app pool failed",
                                LogField.pool(pool.name()),
                                LogField.error(e.getMessage()));
                    }
                });
            }
        }
    }

    /** Whether no site and no pool is configured. */
    boolean isEmpty() {
        return store.current().isEmpty();
    }

    /**
     * Validates, opens the bindings and commits the configuration under the operation lock, then
     * starts the pools outside it (so deployments of different tasks start their workers in parallel);
     * any failure removes what this deployment added.
     */
    void deploy(WebsiteDeployment deployment) throws IisException {
        operations.lock();
        try {
            PortableDeploymentCheck.validate(deployment, store.current(), certificates::exists);
            Set<Endpoint> wanted = new HashSet<>();
            if (deployment.ownsSite()) {
                deployment.site().bindings().forEach(b -> wanted.add(Endpoint.of(b)));
            }
            listeners.openAll(wanted, deployment.site().name());
            try {
                commit(deployment);
            } catch (RuntimeException e) {
                rollBack(deployment);
                throw e;
            }
        } finally {
            operations.unlock();
        }
        try {
            startPools(deployment);
        } catch (IisException | RuntimeException e) {
            operations.lock();
            try {
                rollBack(deployment);
            } finally {
                operations.unlock();
            }
            throw e;
        }
    }

    private void commit(WebsiteDeployment deployment) {
        SiteSpec site = deployment.site();
        HostConfiguration next = store.update(config -> config.withPools(map -> deployment
                        .pools()
                        .forEach(p -> map.put(p.name(), new HostConfiguration.PoolEntry(p, true, null))))
                .withSites(map -> map.put(
                        site.name(),
                        deployment.ownsSite() ? site : ConfigurationEdits.merge(map.get(site.name()), site)))
                .withProviders(map -> deployment.autoStartProviders().forEach(p -> map.put(p.name(), p))));
        deployment.pools().forEach(this::supervisor);
        routing = Routing.of(next);
    }

    private void startPools(WebsiteDeployment deployment) throws IisException {
        List<Future<?>> starts = new ArrayList<>();
        Set<String> fresh = new HashSet<>();
        for (AppPoolSpec spec : deployment.pools()) {
            PoolSupervisor pool = pools.get(spec.name());
            fresh.add(spec.name());
            if (pool == null) {
                throw new IisException("failed to start app pool \"" + spec.name() + "\": it was removed meanwhile");
            }
            starts.add(background.submit(() -> {
                pool.start();
                return null;
            }));
        }
        IisException failure = await(starts);
        if (failure != null) {
            throw failure;
        }
        for (ApplicationSpec app : deployment.site().applications()) {
            PoolSupervisor existing = pools.get(app.poolName());
            if (existing != null && fresh.add(app.poolName())) {
                existing.recycle();
            }
        }
    }

    private void rollBack(WebsiteDeployment deployment) {
        List<String> names = deployment.pools().stream().map(AppPoolSpec::name).toList();
        names.forEach(name -> dropPool(name, null));
        Set<String> appPaths = new HashSet<>();
        deployment.site().applications().forEach(a -> appPaths.add(a.path()));
        HostConfiguration next = store.update(config -> config.withPools(map -> names.forEach(map::remove))
                .withSites(map -> {
                    if (deployment.ownsSite()) {
                        map.remove(deployment.site().name());
                    } else if (map.containsKey(deployment.site().name())) {
                        map.put(
                                deployment.site().name(),
                                ConfigurationEdits.without(
                                        map.get(deployment.site().name()), appPaths));
                    }
                }));
        routing = Routing.of(next);
        listeners.retainOnly(routing.endpoints());
    }

    void remove(WebsiteRemoval removal) throws IisException {
        operations.lock();
        try {
            List<Future<?>> stops = new ArrayList<>();
            for (String name : removal.poolNames()) {
                stops.add(background.submit(() -> dropPool(name, removal.stopTimeout())));
            }
            await(stops);
            Set<String> paths = new HashSet<>(removal.applicationPaths());
            HostConfiguration next = store.update(config -> {
                HostConfiguration c = config.withPools(
                                map -> removal.poolNames().forEach(map::remove))
                        .withSites(map -> {
                            if (removal.ownsSite()) {
                                map.remove(removal.siteName());
                            } else if (map.containsKey(removal.siteName())) {
                                map.put(
                                        removal.siteName(),
                                        ConfigurationEdits.without(map.get(removal.siteName()), paths));
                            }
                        });
                return c.withProviders(map -> removal.autoStartProviderNames().forEach(name -> {
                    if (!ConfigurationEdits.providerInUse(c, name)) {
                        map.remove(name);
                    }
                }));
            });
            routing = Routing.of(next);
            listeners.retainOnly(routing.endpoints());
            for (String thumbprint : removal.certificateThumbprints()) {
                if (!ConfigurationEdits.certificateInUse(next, thumbprint)) {
                    certificates.removeManaged(thumbprint);
                }
            }
        } finally {
            operations.unlock();
        }
    }

    InstalledCertificate installCertificate(CertificateSpec spec) throws IisException {
        operations.lock();
        try {
            return certificates.install(spec);
        } finally {
            operations.unlock();
        }
    }

    boolean certificateExists(String thumbprint) {
        return certificates.exists(thumbprint);
    }

    List<String> siteNames() {
        return List.copyOf(store.current().sites().keySet());
    }

    List<String> poolNames() {
        return List.copyOf(store.current().pools().keySet());
    }

    Optional<SiteSpec> site(String name) {
        return Optional.ofNullable(store.current().sites().get(name));
    }

    PoolRuntime poolRuntime(String name) {
        PoolSupervisor pool = pools.get(name);
        return pool == null ? PoolRuntime.unknown(name) : pool.runtime();
    }

    void startPool(String name) throws IisException {
        existing(name).start();
    }

    void stopPool(String name) throws IisException {
        existing(name).stop();
    }

    void recyclePool(String name) throws IisException {
        existing(name).recycle();
    }

    /** Closes every listener (the service is exiting with nothing configured). */
    /** Stops every pool's worker (the state dir is gone, so nothing can be kept). */
    void stopAllPools() {
        store.stopPersisting();
        List<Future<?>> stops = new ArrayList<>();
        for (PoolSupervisor pool : pools.values()) {
            stops.add(background.submit(() -> {
                pool.stop();
                return null;
            }));
        }
        await(stops);
    }

    void closeListeners() {
        listeners.retainOnly(Set.of());
    }

    private PoolSupervisor existing(String name) throws IisException {
        PoolSupervisor pool = pools.get(name);
        if (pool == null) {
            throw new IisException("app pool \"" + name + "\" does not exist");
        }
        return pool;
    }

    private PoolSupervisor supervisor(AppPoolSpec spec) {
        PoolSupervisor pool = new PoolSupervisor(
                layout,
                spec,
                () -> ConfigurationEdits.mounts(store.current(), spec.name()),
                this::poolStateChanged,
                background);
        pools.put(spec.name(), pool);
        return pool;
    }

    private Void dropPool(String name, Duration stopTimeout) {
        PoolSupervisor pool = pools.remove(name);
        if (pool != null) {
            pool.stop(stopTimeout);
        }
        FileTrees.delete(layout.poolDir(name));
        try {
            Path log = layout.poolLog(name);
            if (Files.exists(log) && Files.size(log) == 0) {
                Files.delete(log);
            }
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "cannot delete the app pool's empty log",
                    LogField.pool(name),
                    LogField.error(e.getMessage()));
        }
        return null;
    }

    private void poolStateChanged(String name, boolean started, String failure) {
        store.update(config -> config.withPools(map -> {
            HostConfiguration.PoolEntry entry = map.get(name);
            if (entry != null) {
                map.put(name, new HostConfiguration.PoolEntry(entry.spec(), started, failure));
            }
        }));
    }

    private static IisException await(List<Future<?>> futures) {
        IisException first = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof IisException iis
                            ? iis
                            : new IisException("operation failed: " + e.getCause(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return first;
    }
}
