package io.nomadiis.mgmt;

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
import java.util.concurrent.CountDownLatch;

/**
 * A real {@link IisHost} with one injected delay: once {@link #holdRemovals()} is called, {@code remove}
 * waits for {@link #release()} before it reaches the real host (a removal taking minutes, as a slow pool
 * shutdown does). Every other call goes straight to the real host.
 */
final class RemovalLatchHost implements IisHost {
    private final IisHost real;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean holding;

    RemovalLatchHost(IisHost real) {
        this.real = real;
    }

    /** From now on, removals wait for {@link #release()}. */
    void holdRemovals() {
        holding = true;
    }

    /** Waits until a removal is held inside the host. */
    void awaitHeldRemoval() throws InterruptedException {
        entered.await();
    }

    /** Lets held and later removals through. */
    void release() {
        holding = false;
        released.countDown();
    }

    @Override
    public void remove(WebsiteRemoval removal) throws IisException {
        if (holding) {
            entered.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IisException("interrupted", true, e);
            }
        }
        real.remove(removal);
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
