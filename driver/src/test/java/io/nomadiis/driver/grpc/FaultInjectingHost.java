package io.nomadiis.driver.grpc;

import io.nomadiis.iis.IisException;
import io.nomadiis.iis.IisHost;
import io.nomadiis.iis.WebsiteDeployment;
import io.nomadiis.testing.ForwardingIisHost;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real {@link IisHost} with one injectable fault: the next {@code deploy} fails with a given exception
 * before reaching the real host (for failures the real host cannot be made to produce on demand, such as a
 * retryable one). Every other call goes straight to the real host.
 */
final class FaultInjectingHost extends ForwardingIisHost {
    private final AtomicReference<IisException> nextDeployFailure = new AtomicReference<>();

    FaultInjectingHost(IisHost real) {
        super(real);
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
}
