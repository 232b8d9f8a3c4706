package io.nomadiis.driver.grpc;

import io.nomadiis.iis.CertificateSpec;
import io.nomadiis.iis.HostStatus;
import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.InstalledCertificate;
import io.nomadiis.iis.PoolRuntime;
import io.nomadiis.iis.SiteSpec;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.iis.WebsiteRemoval;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real {@link IisHost} with one injectable fault: the next {@code deploy} fails with a given exception
 * before reaching the real host (for failures the real host cannot be made to produce on demand, such as a
 * retryable one). Every other call goes straight to the real host.
 */
final class FaultInjectingHost implements IisHost {
    private final IisHost real;
    private final AtomicReference<IisException> nextDeployFailure = new AtomicReference<>();

    FaultInjectingHost(IisHost real) {
        this.real = real;
    }

    /** The next deploy throws {@code failure} instead of deploying. */
    void failNextDeploy(IisException failure) {
        nextDeployFailure.set(failure);
    }

    @Override
    public void deploy(WebsiteDeployment deployment) throws IisException {
        IisException failure = nextDeployFailure.getAndSet(null);
        if (failure != null) {
            throw failure;
        }
        real.deploy(deployment);
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
