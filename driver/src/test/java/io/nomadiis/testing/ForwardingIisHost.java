package io.nomadiis.testing;

import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.DirectoryLockdown;
import io.nomadiis.iis.DirectoryRelease;
import io.nomadiis.iis.HostStatus;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.InstalledCertificate;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A real {@link IisHost} passed through call for call: the base of test wrappers that inject one delay or
 * fault into a real host (which the project's rules allow, unlike a double of our own code). A subclass
 * overrides only the call it changes; every other call, default methods included, reaches the real host.
 * Called from whichever thread calls the real host.
 */
public abstract class ForwardingIisHost implements IisHost {
    /** The wrapped host. */
    protected final IisHost real;

    protected ForwardingIisHost(IisHost real) {
        this.real = Objects.requireNonNull(real, "real");
    }

    @Override
    public String backend() {
        return real.backend();
    }

    @Override
    public HostStatus status() {
        return real.status();
    }

    @Override
    public void deploy(WebsiteDeployment deployment) throws IisException {
        real.deploy(deployment);
    }

    @Override
    public void lockDownDirectories(DirectoryLockdown lockdown) throws IisException {
        real.lockDownDirectories(lockdown);
    }

    @Override
    public void releaseDirectories(DirectoryRelease release) throws IisException {
        real.releaseDirectories(release);
    }

    @Override
    public void remove(WebsiteRemoval removal) throws IisException {
        real.remove(removal);
    }

    @Override
    public InstalledCertificate installCertificate(CertificateSpec certificate) throws IisException {
        return real.installCertificate(certificate);
    }

    @Override
    public boolean certificateExists(String thumbprint) {
        return real.certificateExists(thumbprint);
    }

    @Override
    public List<String> siteNames() {
        return real.siteNames();
    }

    @Override
    public List<String> poolNames() {
        return real.poolNames();
    }

    @Override
    public Optional<SiteSpec> site(String name) {
        return real.site(name);
    }

    @Override
    public PoolRuntime poolRuntime(String poolName) {
        return real.poolRuntime(poolName);
    }

    @Override
    public Map<String, PoolRuntime> poolRuntimes(Collection<String> poolNames) {
        return real.poolRuntimes(poolNames);
    }

    @Override
    public void startPool(String poolName) throws IisException {
        real.startPool(poolName);
    }

    @Override
    public void stopPool(String poolName) throws IisException {
        real.stopPool(poolName);
    }

    @Override
    public void recyclePool(String poolName) throws IisException {
        real.recyclePool(poolName);
    }

    @Override
    public void close() {
        real.close();
    }
}
