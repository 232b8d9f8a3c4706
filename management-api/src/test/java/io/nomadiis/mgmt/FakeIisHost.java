package io.nomadiis.mgmt;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host whose pools are only states with invented PIDs, recording every call. Used by tests of
 * routes where no real worker is needed (auth, paths, zip); pool behaviour is tested against the
 * portable host.
 */
final class FakeIisHost implements IisHost {
    private final Map<String, PoolRuntime> pools = new ConcurrentHashMap<>();
    private final List<String> sites = Collections.synchronizedList(new ArrayList<>());
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong nextPid = new AtomicLong(1000);

    void addPool(String name) {
        pools.put(name, running(name));
    }

    /** Makes a real process the pool's worker (for dumps). */
    void setWorker(String name, long pid) {
        pools.put(name, new PoolRuntime(name, PoolState.STARTED, List.of(pid), null));
    }

    void addSite(String name) {
        sites.add(name);
    }

    private PoolRuntime running(String name) {
        return new PoolRuntime(name, PoolState.STARTED, List.of(nextPid.incrementAndGet()), null);
    }

    @Override
    public String backend() {
        return "fake";
    }

    @Override
    public HostStatus status() {
        return new HostStatus(true, "Healthy", "Unknown", false, false);
    }

    @Override
    public void deploy(WebsiteDeployment deployment) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void remove(WebsiteRemoval removal) {
        throw new UnsupportedOperationException();
    }

    @Override
    public InstalledCertificate installCertificate(CertificateSpec certificate) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean certificateExists(String thumbprint) {
        return false;
    }

    @Override
    public List<String> siteNames() {
        return List.copyOf(sites);
    }

    @Override
    public List<String> poolNames() {
        return List.copyOf(pools.keySet());
    }

    @Override
    public Optional<SiteSpec> site(String name) {
        return Optional.empty();
    }

    @Override
    public PoolRuntime poolRuntime(String poolName) {
        return pools.getOrDefault(poolName, PoolRuntime.unknown(poolName));
    }

    @Override
    public void startPool(String poolName) throws IisException {
        calls.add("start " + poolName);
        if (pools.get(poolName) == null) {
            throw new IisException("no app pool " + poolName);
        }
        if (!pools.get(poolName).workerRunning()) {
            pools.put(poolName, running(poolName));
        }
    }

    @Override
    public void stopPool(String poolName) {
        calls.add("stop " + poolName);
        pools.computeIfPresent(poolName, (k, v) -> new PoolRuntime(k, PoolState.STOPPED, List.of(), null));
    }

    @Override
    public void recyclePool(String poolName) {
        calls.add("recycle " + poolName);
        pools.computeIfPresent(poolName, (k, v) -> running(k));
    }

    @Override
    public void close() {}
}
