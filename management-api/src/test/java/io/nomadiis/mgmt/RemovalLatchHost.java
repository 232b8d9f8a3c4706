package io.nomadiis.mgmt;

import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.WebsiteRemoval;
import io.nomadiis.testing.ForwardingIisHost;
import java.util.concurrent.CountDownLatch;

/**
 * A real {@link IisHost} with one injected delay: once {@link #holdRemovals()} is called, {@code remove}
 * waits for {@link #release()} before it reaches the real host (a removal taking minutes, as a slow pool
 * shutdown does). Every other call goes straight to the real host.
 */
final class RemovalLatchHost extends ForwardingIisHost {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean holding;

    RemovalLatchHost(IisHost real) {
        super(real);
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
}
